package org.feedfold.extract;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;
import org.feedfold.sanitize.SafeHtml;
import org.feedfold.sanitize.Sanitizer;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Turns the cleaned article element into its two outputs: plain text with one paragraph, heading,
 * list item or quote per line, and HTML sanitised by {@link Sanitizer}, the same allow-list feeds
 * and imports go through (no scripts, event handlers, frames or active CSS; links made absolute
 * against the page URL).
 *
 * <p>Stateless and thread-safe.
 */
final class BodyRenderer {
  /** The parts of the article body. */
  record Body(String text, SafeHtml html) {}

  private static final Set<String> BLOCKS =
      Set.of(
          "p",
          "div",
          "section",
          "article",
          "main",
          "header",
          "footer",
          "aside",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "li",
          "ul",
          "ol",
          "dl",
          "dt",
          "dd",
          "blockquote",
          "pre",
          "table",
          "tr",
          "thead",
          "tbody",
          "tfoot",
          "caption",
          "figure",
          "address",
          "hr",
          "center",
          "details",
          "summary",
          "form",
          "fieldset",
          "body",
          "html",
          "nav",
          "hgroup",
          "br");

  private BodyRenderer() {}

  /** Renders {@code content}; {@code baseUri} (may be null or empty) resolves relative links. */
  static Body render(Element content, String baseUri) {
    TextWriter writer = new TextWriter();
    NodeTraversor.traverse(writer, content);
    for (Element e : content.getAllElements()) {
      // The page's own styling hooks mean nothing in a reader; safety is the sanitiser's job.
      e.removeAttr("class").removeAttr("id").removeAttr("style");
    }
    return new Body(writer.text(), Sanitizer.html(content.html(), base(baseUri)));
  }

  private static URI base(String baseUri) {
    if (baseUri == null || baseUri.isEmpty()) {
      return null;
    }
    try {
      return new URI(baseUri);
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /** Renders plain text only, for callers that already have HTML. */
  static String text(Element content) {
    TextWriter writer = new TextWriter();
    NodeTraversor.traverse(writer, content);
    return writer.text();
  }

  /** Collects text with collapsed whitespace, one line per block. */
  private static final class TextWriter implements NodeVisitor {
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder line = new StringBuilder();
    private int preDepth;

    @Override
    public void head(Node node, int depth) {
      if (node instanceof TextNode t) {
        if (preDepth > 0) {
          String[] parts = t.getWholeText().split("\n", -1);
          for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
              flush();
            }
            append(parts[i]);
          }
        } else {
          append(t.getWholeText());
        }
      } else if (node instanceof Element e) {
        String tag = e.normalName();
        if (BLOCKS.contains(tag)) {
          flush();
        } else if (tag.equals("td") || tag.equals("th")) {
          append(" ");
        }
        if (tag.equals("pre")) {
          preDepth++;
        }
      }
    }

    @Override
    public void tail(Node node, int depth) {
      if (node instanceof Element e) {
        String tag = e.normalName();
        if (BLOCKS.contains(tag)) {
          flush();
        }
        if (tag.equals("pre")) {
          preDepth--;
        }
      }
    }

    private void append(String s) {
      for (int i = 0; i < s.length(); i++) {
        char ch = s.charAt(i);
        boolean space =
            ch == ' '
                || ch == '\n'
                || ch == '\t'
                || ch == '\r'
                || ch == '\u00a0'
                || ch == '\f'
                || ch == '\u200b';
        if (space) {
          if (line.length() > 0 && line.charAt(line.length() - 1) != ' ') {
            line.append(' ');
          }
        } else {
          line.append(ch);
        }
      }
    }

    private void flush() {
      int end = line.length();
      while (end > 0 && line.charAt(end - 1) == ' ') {
        end--;
      }
      if (end > 0) {
        if (out.length() > 0) {
          out.append('\n');
        }
        out.append(line, 0, end);
      }
      line.setLength(0);
    }

    String text() {
      flush();
      return out.toString();
    }
  }
}
