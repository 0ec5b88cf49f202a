package org.feedfold.extract;

import java.util.Arrays;
import java.util.List;
import org.feedfold.model.ExtractedArticle;
import org.feedfold.sanitize.Sanitizer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts the article body and metadata from an HTML page, dropping boilerplate.
 *
 * <p>The page runs through small stages: {@link PageDecoder} (charset), {@link MetadataReader}
 * (JSON-LD, Open Graph, meta, page), {@link BoilerplatePruner} (furniture), {@link ContentLocator}
 * (scoring), {@link ContentCleaner} (blocks inside the body) and {@link BodyRenderer} (plain text
 * and sanitised HTML). A JSON-LD {@code articleBody} that is much longer than what the page shows
 * (a paywall or script-rendered page) replaces the DOM text.
 *
 * <p>Thread-safe; one instance may serve all threads. Never touches the network. Pages over {@value
 * #MAX_PAGE_BYTES} bytes and fragments over {@value #MAX_FRAGMENT_CHARS} characters are truncated
 * (logged at debug level); titles over {@value #MAX_TITLE_CHARS} characters are cut (logged). Never
 * throws for malformed HTML; a page with no text yields an empty body.
 */
public final class ArticleExtractor {
  /** Largest page read; real article pages stay well under 3 MB. */
  public static final int MAX_PAGE_BYTES = 8 * 1024 * 1024;

  /** Longest title kept, in characters; longer ones are cut and logged. */
  public static final int MAX_TITLE_CHARS = 1000;

  /** Largest feed fragment read. */
  public static final int MAX_FRAGMENT_CHARS = 2 * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(ArticleExtractor.class);

  /** Extracts the article from page bytes; the charset is detected from bytes, header and meta. */
  public ExtractedArticle extract(byte[] html, PageSource source) {
    byte[] bytes = html;
    if (bytes.length > MAX_PAGE_BYTES) {
      LOG.debug("page {} truncated from {} bytes", source.url(), bytes.length);
      bytes = Arrays.copyOf(bytes, MAX_PAGE_BYTES);
    }
    String base = source.url() == null ? "" : source.url().toString();
    Document doc = Jsoup.parse(PageDecoder.decode(bytes, source.contentType()), base);
    PageMetadata meta = MetadataReader.read(doc);
    BodyRenderer.Body body = extractBody(doc, meta.title());
    body = preferLinkedDataBody(body, meta.articleBody());
    return new ExtractedArticle(
        source.url() == null ? null : source.url().toString(),
        cutTitle(meta.title(), source),
        body.text(),
        body.html(),
        meta.author(),
        meta.published(),
        meta.modified(),
        meta.canonical(),
        meta.language(),
        meta.siteName(),
        meta.image(),
        meta.refresh());
  }

  /**
   * Cleans HTML carried in feed content ({@code content:encoded} with site footers), returning its
   * main text and sanitised HTML. Metadata components are {@code null}.
   */
  public ExtractedArticle extractFragment(String html, PageSource source) {
    String s = html;
    if (s.length() > MAX_FRAGMENT_CHARS) {
      LOG.debug("fragment from {} truncated from {} chars", source.url(), s.length());
      s = s.substring(0, MAX_FRAGMENT_CHARS);
    }
    String base = source.url() == null ? "" : source.url().toString();
    Document doc = Jsoup.parseBodyFragment(s, base);
    Element body = doc.body();
    Hints hints = new Hints();
    BoilerplatePruner.prune(body, hints);
    ContentCleaner.clean(body, hints);
    BodyRenderer.Body rendered = BodyRenderer.render(body, base);
    return new ExtractedArticle(
        source.url() == null ? null : source.url().toString(),
        null,
        rendered.text(),
        rendered.html(),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  private static BodyRenderer.Body extractBody(Document doc, String title) {
    Element body = doc.body();
    Hints hints = new Hints();
    // Look before pruning: templates often wrap the headline in a header box that pruning drops.
    Element found = Headline.find(body, title);
    List<Element> ancestry = Headline.hasTwin(found, body) ? Headline.ancestry(found) : List.of();
    BoilerplatePruner.prune(body, hints);
    TextStats stats = TextStats.of(body);
    Element headline = Headline.attached(found, body);
    Element anchor = Headline.survivor(ancestry, body);
    List<Element> parts = ContentLocator.locate(body, stats, hints, anchor);
    Element content = new Element("div");
    if (parts.size() == 1 && parts.get(0) == body) {
      content.appendChildren(body.childNodesCopy());
    } else {
      for (Element lead : LeadFinder.find(body, parts.get(0), stats, headline)) {
        content.appendChild(lead);
      }
      for (Element part : parts) {
        content.appendChild(part);
      }
    }
    dropHeadline(content, title);
    ContentCleaner.clean(content, hints);
    return BodyRenderer.render(content, doc.location());
  }

  private static String cutTitle(String title, PageSource source) {
    if (title == null || title.length() <= MAX_TITLE_CHARS) {
      return title;
    }
    LOG.info(
        "page {}: title of {} characters cut to {}", source.url(), title.length(), MAX_TITLE_CHARS);
    int end = MAX_TITLE_CHARS - 1;
    if (Character.isHighSurrogate(title.charAt(end - 1))) {
      end--;
    }
    return title.substring(0, end).strip() + "…";
  }

  /** Removes the headline: the body text starts after it. */
  private static void dropHeadline(Element content, String title) {
    for (Element h1 : content.getElementsByTag("h1")) {
      h1.remove();
    }
    if (title == null) {
      return;
    }
    for (Element h : content.select("h2, h3")) {
      if (h.text().strip().equalsIgnoreCase(title)) {
        h.remove();
        return;
      }
    }
  }

  /** Uses the JSON-LD body when the page shows much less of the article than it declares. */
  private static BodyRenderer.Body preferLinkedDataBody(BodyRenderer.Body dom, String articleBody) {
    if (articleBody == null || articleBody.length() < 1.5 * dom.text().length()) {
      return dom;
    }
    String text = articleBody;
    if (text.indexOf('<') >= 0 && text.indexOf('>') >= 0) {
      // Some CMSs put markup in articleBody; read it like any other fragment.
      text = BodyRenderer.text(Jsoup.parseBodyFragment(text).body());
    }
    String normalized =
        text.strip().replaceAll("[ \\t\\x0B\\f\\r]+", " ").replaceAll("\\s*\\n\\s*", "\n");
    if (normalized.length() < 200 || normalized.length() < 1.5 * dom.text().length()) {
      return dom;
    }
    StringBuilder html = new StringBuilder();
    for (String paragraph : normalized.split("\n")) {
      html.append("<p>").append(Entities.escape(paragraph)).append("</p>\n");
    }
    // Escaped text in paragraphs; the sanitiser passes it through and gives it its type.
    return new BodyRenderer.Body(normalized, Sanitizer.html(html.toString(), null));
  }
}
