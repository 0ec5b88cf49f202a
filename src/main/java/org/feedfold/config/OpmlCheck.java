package org.feedfold.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Checks an OPML document before it is used, so that every problem is reported as {@code
 * FILE:LINE:COLUMN: what is wrong} in our words: XML that is not well-formed (an unclosed {@code
 * <outline>} names the line it was opened on), a root element other than {@code <opml>}, an outline
 * whose {@code xmlUrl} is not an absolute http(s) URL, or whose {@code feedfoldInterval} is not a
 * positive duration.
 *
 * <p>A pure function of the text. DOCTYPE declarations are refused (as Rome refuses them when it
 * reads the file next), so no DTD or external entity is ever loaded.
 */
final class OpmlCheck extends DefaultHandler {
  private static final Pattern END_TAG =
      Pattern.compile("The element type \"([^\"]+)\" must be terminated by the matching end-tag");

  private final Path file;
  private final String text;
  private final Deque<String[]> open = new ArrayDeque<>();
  private Locator locator;
  private boolean root = true;

  private OpmlCheck(Path file, String text) {
    this.file = file;
    this.text = text;
  }

  /**
   * Checks {@code text}, read from {@code file} (used in messages).
   *
   * @throws ConfigException at the first problem, naming file, line and column
   */
  static void check(String text, Path file) throws ConfigException {
    OpmlCheck handler = new OpmlCheck(file, text);
    try {
      parser().parse(new InputSource(new StringReader(text)), handler);
    } catch (Found e) {
      throw e.problem;
    } catch (SAXParseException e) {
      throw new ConfigException(
          file, e.getLineNumber(), e.getColumnNumber(), handler.explain(e.getMessage()));
    } catch (SAXException | IOException e) {
      throw new ConfigException(file, 0, "not valid OPML");
    }
  }

  private static SAXParser parser() {
    try {
      SAXParserFactory f = SAXParserFactory.newInstance();
      f.setNamespaceAware(false);
      f.setValidating(false);
      f.setXIncludeAware(false);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      return f.newSAXParser();
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("the JDK's SAX parser lacks a standard feature", e);
    }
  }

  /** Turns the parser's English message into ours, using what is open at the failure. */
  private String explain(String message) {
    String m = message == null ? "" : message.strip();
    String[] top = open.peek();
    Matcher endTag = END_TAG.matcher(m);
    if (endTag.find()) {
      String name = endTag.group(1);
      for (String[] e : open) {
        if (e[0].equals(name)) {
          return "unclosed <" + name + "> element (opened on line " + e[1] + ")";
        }
      }
      return "unclosed <" + name + "> element";
    }
    if (m.startsWith("XML document structures must start and end within the same entity")
        || m.startsWith("Premature end of file")) {
      if (top == null) {
        return root ? "empty file: expected an <opml> document" : "the file ends early";
      }
      return "the file ends inside <" + top[0] + "> (opened on line " + top[1] + ")";
    }
    if (m.startsWith("Content is not allowed in prolog")) {
      return "not XML: text before the first element (expected <opml>)";
    }
    if (m.startsWith("DOCTYPE is disallowed")) {
      return "DOCTYPE declarations are not allowed";
    }
    if (m.startsWith("The markup in the document following the root element")) {
      return "text after the closing </opml>";
    }
    return m.endsWith(".") ? m.substring(0, m.length() - 1) : m;
  }

  @Override
  public void setDocumentLocator(Locator locator) {
    this.locator = locator;
  }

  @Override
  public void startElement(String uri, String localName, String qName, Attributes attributes)
      throws SAXException {
    if (root) {
      root = false;
      if (!qName.equalsIgnoreCase("opml")) {
        throw found("<", "not OPML: the root element is <" + qName + ">, expected <opml>");
      }
    }
    if (qName.equals("outline")) {
      String xmlUrl = attributes.getValue("xmlUrl");
      if (xmlUrl != null && !xmlUrl.isBlank()) {
        try {
          Subscriptions.feedUrl(xmlUrl);
        } catch (IllegalArgumentException e) {
          String text = attributes.getValue("text");
          throw found(
              "xmlUrl",
              "outline"
                  + (text == null ? "" : " '" + text + "'")
                  + ": xmlUrl is "
                  + e.getMessage());
        }
      }
    }
    if (qName.equals("outline")) {
      String interval = attributes.getValue(Subscriptions.INTERVAL_ATTRIBUTE);
      if (interval != null) {
        try {
          Subscriptions.interval(interval);
        } catch (IllegalArgumentException | ArithmeticException e) {
          String text = attributes.getValue("text");
          throw found(
              Subscriptions.INTERVAL_ATTRIBUTE,
              "outline"
                  + (text == null ? "" : " '" + text + "'")
                  + ": "
                  + Subscriptions.INTERVAL_ATTRIBUTE
                  + " "
                  + e.getMessage());
        }
      }
    }
    open.push(new String[] {qName, Integer.toString(locator.getLineNumber())});
  }

  @Override
  public void endElement(String uri, String localName, String qName) {
    open.poll();
  }

  /**
   * Reports {@code message} at the last {@code mark} before the parser's position on its line (the
   * parser stands at the end of the start tag), or at that position if the tag spans lines.
   */
  private Found found(String mark, String message) {
    int line = locator.getLineNumber();
    int column = locator.getColumnNumber();
    String[] lines = text.split("\n", line + 1);
    if (line >= 1 && line <= lines.length) {
      String l = lines[line - 1];
      int at = l.lastIndexOf(mark, Math.min(l.length(), Math.max(0, column - 2)));
      if (at >= 0) {
        column = at + 1;
      }
    }
    return new Found(new ConfigException(file, line, column, message));
  }

  /** Carries our own problem out of the parser. */
  private static final class Found extends SAXException {
    private static final long serialVersionUID = 1L;
    private final transient ConfigException problem;

    Found(ConfigException problem) {
      super(problem.getMessage());
      this.problem = problem;
    }
  }
}
