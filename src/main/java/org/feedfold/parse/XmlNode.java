package org.feedfold.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds one element of a parsed feed document: namespace, name, attributes and children in document
 * order, each child an {@code XmlNode} or a {@code String} of character data.
 *
 * <p>Both the strict and the recovering reader build this tree, so the dialect mapping is written
 * once. Not thread-safe; built and read by one parse call.
 */
final class XmlNode {
  final String ns;
  final String local;
  final String qname;

  /** The matching key: lower-case local name, prefixed by the namespace key if not core. */
  final String name;

  final Map<String, String> attrs = new LinkedHashMap<>();
  final List<Object> children = new ArrayList<>();
  XmlNode parent;

  /** Set on a root whose reader flattened elements nested deeper than the depth limit. */
  boolean flattened;

  XmlNode(String ns, String local, String qname) {
    this.ns = ns == null ? "" : ns;
    this.local = local;
    this.qname = qname;
    int colon = qname.indexOf(':');
    String key = Namespaces.key(this.ns, colon > 0 ? qname.substring(0, colon) : "");
    String lower = local.toLowerCase(java.util.Locale.ROOT);
    this.name = key.isEmpty() ? lower : key + ":" + lower;
  }

  /** Returns the attribute by qualified or local name, or {@code null}. */
  String attr(String name) {
    String v = attrs.get(name);
    if (v == null) {
      for (Map.Entry<String, String> e : attrs.entrySet()) {
        String k = e.getKey();
        int colon = k.indexOf(':');
        if (colon > 0 && k.substring(colon + 1).equals(name) && !k.startsWith("xmlns")) {
          return e.getValue();
        }
      }
      for (Map.Entry<String, String> e : attrs.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue();
        }
      }
    }
    return v;
  }

  /** Returns the concatenated character data of this element and its descendants. */
  String text() {
    if (children.size() == 1 && children.get(0) instanceof String s) {
      return s;
    }
    StringBuilder sb = new StringBuilder();
    appendText(sb);
    return sb.toString();
  }

  private void appendText(StringBuilder sb) {
    for (Object c : children) {
      if (c instanceof String s) {
        sb.append(s);
      } else {
        ((XmlNode) c).appendText(sb);
      }
    }
  }

  /** Returns the child elements, skipping character data. */
  List<XmlNode> elements() {
    List<XmlNode> out = new ArrayList<>(children.size());
    for (Object c : children) {
      if (c instanceof XmlNode n) {
        out.add(n);
      }
    }
    return out;
  }

  boolean hasElementChildren() {
    for (Object c : children) {
      if (c instanceof XmlNode) {
        return true;
      }
    }
    return false;
  }
}
