package org.feedfold.parse;

import java.io.IOException;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.ext.DefaultHandler2;

/**
 * Reads well-formed XML into an {@link XmlNode} tree with the JDK's SAX parser.
 *
 * <p>External entities and external DTDs are never loaded (no XXE); internal entity expansion is
 * bounded by secure processing. Elements nested deeper than {@link InputLimits#MAX_DEPTH} are
 * flattened into the text of their deepest kept ancestor. Thread-safe: each thread reuses its own
 * configured parser, since JAXP factories and parsers are not thread-safe and building one costs
 * more than parsing a small feed.
 */
final class StrictXmlReader {
  private final ThreadLocal<SAXParser> parsers =
      ThreadLocal.withInitial(StrictXmlReader::newParser);

  private static SAXParser newParser() {
    SAXParserFactory factory = SAXParserFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setValidating(false);
    try {
      // Report xmlns declarations as attributes so dialects can be told apart by them.
      factory.setFeature("http://xml.org/sax/features/namespace-prefixes", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      return factory.newSAXParser();
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("XML parser cannot be made safe", e);
    }
  }

  /** Parses {@code xml}; throws {@link SAXParseException} when it is not well-formed. */
  XmlNode read(String xml) throws SAXException, IOException {
    SAXParser parser = parsers.get();
    parser.reset();
    TreeHandler handler = new TreeHandler();
    parser.getXMLReader().setProperty("http://xml.org/sax/properties/lexical-handler", handler);
    parser.parse(new InputSource(new StringReader(xml)), handler);
    if (handler.root == null) {
      throw new SAXException("no root element");
    }
    handler.root.flattened = handler.flattened;
    return handler.root;
  }

  private static final class TreeHandler extends DefaultHandler2 {
    XmlNode root;
    private XmlNode current;
    private int depth;
    private boolean flattened;
    private final StringBuilder text = new StringBuilder();

    @Override
    public InputSource resolveEntity(
        String name, String publicId, String baseUri, String systemId) {
      // Never fetch an external DTD or entity: resolve every one to nothing.
      return new InputSource(new StringReader(""));
    }

    @Override
    public void startElement(String uri, String local, String qname, Attributes atts) {
      if (++depth > InputLimits.MAX_DEPTH) {
        // Too deep to be a feed: keep the text, drop the element (every reader of the tree
        // walks it recursively).
        flattened = true;
        return;
      }
      flush();
      XmlNode node = new XmlNode(uri, local.isEmpty() ? qname : local, qname);
      for (int i = 0; i < atts.getLength(); i++) {
        node.attrs.put(atts.getQName(i), atts.getValue(i));
      }
      if (current == null) {
        root = node;
      } else {
        node.parent = current;
        current.children.add(node);
      }
      current = node;
    }

    @Override
    public void endElement(String uri, String local, String qname) {
      if (depth-- > InputLimits.MAX_DEPTH) {
        return;
      }
      flush();
      current = current.parent;
    }

    @Override
    public void characters(char[] ch, int start, int length) {
      if (current != null) {
        text.append(ch, start, length);
      }
    }

    private void flush() {
      if (text.length() > 0) {
        if (current != null) {
          current.children.add(text.toString());
        }
        text.setLength(0);
      }
    }
  }
}
