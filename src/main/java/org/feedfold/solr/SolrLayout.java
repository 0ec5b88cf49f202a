package org.feedfold.solr;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.cloud.DocCollection;

/**
 * Says which collection each kind of document lives in, the one place the store's requests take
 * their collection name from.
 *
 * <p><b>Single</b> ({@code solr init}): everything in the collection {@code NAME}. <b>By month</b>
 * ({@code solr init --by-month}, docs/SCALING.md "Collections by time"): articles in the time
 * routed alias {@code NAME} (Solr's own router, one collection {@code NAME_YYYY-MM} per month,
 * routed on {@link #ROUTED}, the time the store first stored the article); story records,
 * redirects, claims and feed state, all read by real-time get by id, in the collection {@code
 * NAME_stories}, because an id lookup through the alias cannot know which month holds a document.
 *
 * <p>Immutable; {@link #recentArticleCollections} asks the client's cluster state (kept current by
 * ZooKeeper watches) at each call.
 *
 * @param articles where articles are written and searched: the collection, or the alias
 * @param stories where everything else lives
 * @param byMonth whether articles are in a time routed alias
 */
record SolrLayout(String articles, String stories, boolean byMonth) {
  /** The suffix of the by-month layout's collection for everything but articles. */
  static final String STORIES_SUFFIX = "_stories";

  /** The date field a by-month alias routes articles on. */
  static final String ROUTED = "routed_at";

  /** Returns the layout of one collection holding everything. */
  static SolrLayout single(String collection) {
    return new SolrLayout(collection, collection, false);
  }

  /** Returns the by-month layout named {@code name}: alias {@code name}, {@code name_stories}. */
  static SolrLayout byMonth(String name) {
    return new SolrLayout(name, name + STORIES_SUFFIX, true);
  }

  /**
   * Finds the layout {@code solr init} made under {@code name}: by month when {@code name} is a
   * time routed alias and {@code name_stories} a collection, single when {@code name} is a
   * collection.
   *
   * @throws IOException naming what is missing, when neither is there
   */
  static SolrLayout detect(CloudSolrClient client, String name, String where) throws IOException {
    var provider = client.getClusterStateProvider();
    Map<String, String> props = provider.getAliasProperties(name);
    if (props != null && "time".equals(props.get("router.name"))) {
      if (provider.getState(name + STORIES_SUFFIX) == null) {
        throw new IOException(
            "time routed alias "
                + name
                + " in SolrCloud at "
                + where
                + " has no collection "
                + name
                + STORIES_SUFFIX
                + ": run 'feedfold solr init --by-month'");
      }
      return byMonth(name);
    }
    if (provider.getState(name) == null) {
      throw new IOException(
          "no collection " + name + " in SolrCloud at " + where + ": run 'feedfold solr init'");
    }
    return single(name);
  }

  /** Returns where document {@code d} is written: articles to {@link #articles}. */
  String of(SolrInputDocument d) {
    return SolrDocs.ARTICLE.equals(d.getFieldValue(SolrDocs.TYPE)) ? articles : stories;
  }

  /**
   * Returns where query {@code q} to the handler {@code path} runs: a shingle-terms request or a
   * query filtered to articles runs on {@link #articles}, any other on {@link #stories}.
   */
  String of(SolrQuery q, String path) {
    if (path.equals("/terms")) {
      return articles;
    }
    String[] fqs = q.getFilterQueries();
    if (fqs != null) {
      for (String fq : fqs) {
        if (fq.equals("type:" + SolrDocs.ARTICLE)) {
          return articles;
        }
      }
    }
    return stories;
  }

  /** Returns whether the document with id {@code key} is an article. */
  static boolean isArticle(String key) {
    return key.startsWith(SolrDocs.articleKey(""));
  }

  /**
   * Returns the alias's two newest month collections, newest first: the only ones that can hold an
   * article not yet committed, since an article is routed on the time it was first stored.
   */
  List<String> recentArticleCollections(CloudSolrClient client) {
    List<String> all = new ArrayList<>(client.getClusterStateProvider().resolveAlias(articles));
    // NAME_YYYY-MM[-DD...]: by name is by time.
    all.sort(Comparator.reverseOrder());
    return all.subList(0, Math.min(2, all.size()));
  }

  /** Returns the size-bearing collections: every month collection and the stories collection. */
  List<String> collections(CloudSolrClient client) throws IOException {
    if (!byMonth) {
      return List.of(articles);
    }
    List<String> all = new ArrayList<>(client.getClusterStateProvider().resolveAlias(articles));
    all.add(stories);
    return all;
  }

  /** Returns {@link DocCollection}s of {@link #collections}; those gone meanwhile are skipped. */
  List<DocCollection> states(CloudSolrClient client) throws IOException {
    List<DocCollection> out = new ArrayList<>();
    for (String c : collections(client)) {
      DocCollection d = client.getClusterStateProvider().getCollection(c);
      if (d != null) {
        out.add(d);
      }
    }
    return out;
  }
}
