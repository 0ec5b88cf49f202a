package org.feedfold.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Callable;
import org.feedfold.index.SearchRequest;
import org.feedfold.index.StoryHit;
import org.feedfold.model.SearchHit;
import org.feedfold.serve.StoryJson;
import org.feedfold.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Searches indexed articles with Lucene query syntax. People get one line per story (its best hit,
 * and how many more of its articles matched) unless {@code --all}; {@code --json} prints every hit,
 * one object per line, as it always did.
 */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = {
      "Search articles with Lucene query syntax: words, \"phrases\", AND/OR/NOT, +must, -not,"
          + " (groups), wild* and fuzzy~ terms; words search the title and the text.",
      "",
      "Fields:",
      "  title:WORD, title:\"a phrase\"   the headline",
      "  text:WORD                      the article's text",
      "  source:\"Wire Service\"          the outlet's name, any case",
      "  source:wire.example            or the host of its link or feed",
      "  story:ID                       every article of a story",
      "  lang:en, lang:en-gb            the language tag or its primary subtag",
      "  published:2024-01-02           that UTC day (first seen if no date was given)",
      "  published:[2024-01-01 TO *]    a range of dates or instants, ends included",
      "",
      "Example: feedfold search 'earthquake AND source:\"wire service\" AND"
          + " published:[2026-11-01 TO *]'",
      ""
    })
final class SearchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand FeedfoldCommand root;

  @Parameters(paramLabel = "QUERY", arity = "1..*", description = "The query.")
  List<String> words;

  @Option(
      names = "--since",
      paramLabel = "DUR|DATE",
      converter = Since.class,
      description = "Only articles published since then (24h, 7d, 2026-11-01).")
  Instant since;

  @Option(
      names = "--limit",
      defaultValue = "20",
      description = "At most N stories (N hits with --all or --json; default 20).")
  int limit;

  @Option(
      names = "--sort",
      paramLabel = "ORDER",
      defaultValue = "relevance",
      description = "relevance (best match first, the default) or date (newest first).")
  Sort sort;

  @Option(names = "--all", description = "One line per matching article instead of one per story.")
  boolean all;

  @Option(names = "--json", description = "One JSON object per matching article, per line.")
  boolean json;

  /** Is {@code --sort}. */
  enum Sort {
    relevance,
    date
  }

  @Override
  public Integer call() throws Exception {
    Cli.requirePositive(spec, "--limit", limit);
    PrintWriter out = spec.commandLine().getOut();
    SearchRequest request =
        new SearchRequest(
            String.join(" ", words),
            since,
            limit,
            sort == Sort.date ? SearchRequest.Order.DATE : SearchRequest.Order.RELEVANCE,
            !all && !json);
    try (Store index = Cli.openReader(root.config())) {
      List<StoryHit> hits = index.search(request);
      if (json) {
        for (StoryHit h : hits) {
          out.println(Json.line(StoryJson.hit(h.best())));
        }
      } else {
        print(out, hits, root.terminal(), InstantSource.system().instant());
      }
    }
    out.flush();
    return 0;
  }

  /** Prints hits as aligned rows: age, outlet, title, more hits, story id; the snippet below. */
  static void print(PrintWriter out, List<StoryHit> hits, Terminal t, Instant now) {
    Table table =
        new Table()
            .column(12, t::dim)
            .column(24, t::cyan)
            .flexible(t::bold)
            .column(0, t::yellow)
            .column(16, t::dim);
    for (StoryHit sh : hits) {
      SearchHit h = sh.best();
      table.row(
          Terminal.ago(h.published(), now),
          h.source(),
          h.title() == null || h.title().isBlank() ? h.url() : h.title(),
          sh.moreHits() == 0
              ? ""
              : "+"
                  + sh.moreHits()
                  + " more from "
                  + sh.moreOutlets()
                  + (sh.moreOutlets() == 1 ? " outlet" : " outlets"),
          h.story());
      if (h.snippet() != null && !h.snippet().isBlank()) {
        table.note(Text.snippet(h.snippet(), t, t.width() - 4));
      }
    }
    table.print(out, t.width());
    if (hits.isEmpty()) {
      out.println("no matches");
    }
  }
}
