package org.feedfold.parse;

import java.util.HashMap;
import java.util.Map;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.CDataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;

/**
 * Reads XML that is not well-formed (truncated documents, unclosed CDATA, junk before the root,
 * mismatched tags) into an {@link XmlNode} tree with jsoup's forgiving XML tree builder, resolving
 * namespace prefixes itself. Never loads anything external. Thread-safe (stateless).
 */
final class LenientXmlReader {

  /** Parses {@code xml} as well as it can; returns {@code null} when no element was found. */
  XmlNode read(String xml) {
    Document doc = Parser.xmlParser().parseInput(xml, "");
    Element root = null;
    for (Element e : doc.children()) {
      root = e;
      break;
    }
    if (root == null) {
      return null;
    }
    return convert(root, null, Map.of());
  }

  private XmlNode convert(Element el, XmlNode parent, Map<String, String> scope) {
    Map<String, String> ns = scope;
    for (Attribute a : el.attributes()) {
      String k = a.getKey();
      if (k.equals("xmlns") || k.startsWith("xmlns:")) {
        if (ns == scope) {
          ns = new HashMap<>(scope);
        }
        ns.put(k.equals("xmlns") ? "" : k.substring(6), a.getValue());
      }
    }
    String qname = el.tagName();
    int colon = qname.indexOf(':');
    String prefix = colon > 0 ? qname.substring(0, colon) : "";
    String uri = ns.getOrDefault(prefix, "");
    XmlNode node = new XmlNode(uri, colon > 0 ? qname.substring(colon + 1) : qname, qname);
    node.parent = parent;
    for (Attribute a : el.attributes()) {
      node.attrs.put(a.getKey(), a.getValue());
    }
    StringBuilder text = new StringBuilder();
    for (Node child : el.childNodes()) {
      if (child instanceof CDataNode c) {
        text.append(c.text());
      } else if (child instanceof TextNode t) {
        text.append(t.getWholeText());
      } else if (child instanceof Element e) {
        if (text.length() > 0) {
          node.children.add(text.toString());
          text.setLength(0);
        }
        node.children.add(convert(e, node, ns));
      }
    }
    if (text.length() > 0) {
      node.children.add(text.toString());
    }
    return node;
  }
}
