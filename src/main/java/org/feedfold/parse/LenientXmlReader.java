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
 * namespace prefixes itself. Never loads anything external. Elements nested deeper than {@link
 * InputLimits#MAX_DEPTH} are flattened into the text of their deepest kept ancestor. Not
 * thread-safe: one instance per parse call.
 */
final class LenientXmlReader {
  private boolean flattened;

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
    XmlNode node = convert(root, null, Map.of(), 1);
    node.flattened = flattened;
    return node;
  }

  private XmlNode convert(Element el, XmlNode parent, Map<String, String> scope, int depth) {
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
      node.attrs.put(a.getKey(), InputLimits.withoutControls(a.getValue()));
    }
    StringBuilder text = new StringBuilder();
    for (Node child : el.childNodes()) {
      if (child instanceof CDataNode c) {
        text.append(c.text());
      } else if (child instanceof TextNode t) {
        text.append(t.getWholeText());
      } else if (child instanceof Element e && depth >= InputLimits.MAX_DEPTH) {
        // Too deep to be a feed: keep the text (jsoup collects it without recursing).
        flattened = true;
        text.append(e.wholeText());
      } else if (child instanceof Element e) {
        if (text.length() > 0) {
          node.children.add(text.toString());
          text.setLength(0);
        }
        node.children.add(convert(e, node, ns, depth + 1));
      }
    }
    if (text.length() > 0) {
      node.children.add(text.toString());
    }
    for (int i = 0; i < node.children.size(); i++) {
      if (node.children.get(i) instanceof String t) {
        // jsoup decodes &#0; and friends, which strict XML refuses; they must not go further.
        node.children.set(i, InputLimits.withoutControls(t));
      }
    }
    return node;
  }
}
