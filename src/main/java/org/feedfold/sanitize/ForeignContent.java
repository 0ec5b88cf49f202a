package org.feedfold.sanitize;

import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Tracks inline MathML and SVG inside sanitised HTML and says which of their elements and
 * attributes survive (SVG Tiny and presentation MathML, after feedparser's lists). SVG names are
 * case-sensitive, so they are restored from lower case. Not thread-safe: one per sanitise call.
 *
 * <p>Long only because of the vocabularies' name lists.
 */
final class ForeignContent {
  static final String XLINK = "http://www.w3.org/1999/xlink";
  private static final String SVG_NS = "http://www.w3.org/2000/svg";
  private static final String MATHML_NS = "http://www.w3.org/1998/Math/MathML";

  private static final Set<String> MATHML_ELEMENTS =
      Set.of(
          "annotation",
          "annotation-xml",
          "maction",
          "maligngroup",
          "malignmark",
          "math",
          "menclose",
          "merror",
          "mfenced",
          "mfrac",
          "mglyph",
          "mi",
          "mlabeledtr",
          "mlongdiv",
          "mmultiscripts",
          "mn",
          "mo",
          "mover",
          "mpadded",
          "mphantom",
          "mprescripts",
          "mroot",
          "mrow",
          "ms",
          "mscarries",
          "mscarry",
          "msgroup",
          "msline",
          "mspace",
          "msqrt",
          "msrow",
          "mstack",
          "mstyle",
          "msub",
          "msubsup",
          "msup",
          "mtable",
          "mtd",
          "mtext",
          "mtr",
          "munder",
          "munderover",
          "none",
          "semantics");

  private static final Set<String> MATHML_ATTRIBUTES =
      Set.of(
          "accent",
          "accentunder",
          "actiontype",
          "align",
          "alignmentscope",
          "altimg",
          "altimg-height",
          "altimg-valign",
          "altimg-width",
          "alttext",
          "bevelled",
          "charalign",
          "close",
          "columnalign",
          "columnlines",
          "columnspacing",
          "columnspan",
          "columnwidth",
          "crossout",
          "decimalpoint",
          "denomalign",
          "depth",
          "dir",
          "display",
          "displaystyle",
          "edge",
          "encoding",
          "equalcolumns",
          "equalrows",
          "fence",
          "fontstyle",
          "fontweight",
          "form",
          "frame",
          "framespacing",
          "groupalign",
          "height",
          "href",
          "id",
          "indentalign",
          "indentalignfirst",
          "indentalignlast",
          "indentshift",
          "indentshiftfirst",
          "indentshiftlast",
          "indenttarget",
          "infixlinebreakstyle",
          "largeop",
          "length",
          "linebreak",
          "linebreakmultchar",
          "linebreakstyle",
          "lineleading",
          "linethickness",
          "location",
          "longdivstyle",
          "lquote",
          "lspace",
          "mathbackground",
          "mathcolor",
          "mathsize",
          "mathvariant",
          "maxsize",
          "minlabelspacing",
          "minsize",
          "movablelimits",
          "notation",
          "numalign",
          "open",
          "other",
          "overflow",
          "position",
          "rowalign",
          "rowlines",
          "rowspacing",
          "rowspan",
          "rquote",
          "rspace",
          "scriptlevel",
          "scriptminsize",
          "scriptsizemultiplier",
          "selection",
          "separator",
          "separators",
          "shift",
          "side",
          "src",
          "stackalign",
          "stretchy",
          "subscriptshift",
          "superscriptshift",
          "symmetric",
          "voffset",
          "width",
          "xlink:href",
          "xlink:show",
          "xlink:type",
          "xmlns",
          "xmlns:xlink");

  private static final Map<String, String> SVG_ELEMENTS =
      byLowerCase(
          "a",
          "animate",
          "animateColor",
          "animateMotion",
          "animateTransform",
          "circle",
          "defs",
          "desc",
          "ellipse",
          "font-face",
          "font-face-name",
          "font-face-src",
          "foreignObject",
          "g",
          "glyph",
          "hkern",
          "line",
          "linearGradient",
          "marker",
          "metadata",
          "missing-glyph",
          "mpath",
          "path",
          "polygon",
          "polyline",
          "radialGradient",
          "rect",
          "set",
          "stop",
          "svg",
          "switch",
          "text",
          "title",
          "tspan",
          "use");

  private static final Map<String, String> SVG_ATTRIBUTES =
      byLowerCase(
          "accent-height",
          "accumulate",
          "additive",
          "alphabetic",
          "arabic-form",
          "ascent",
          "attributeName",
          "attributeType",
          "baseProfile",
          "bbox",
          "begin",
          "by",
          "calcMode",
          "cap-height",
          "class",
          "color",
          "color-rendering",
          "content",
          "cx",
          "cy",
          "d",
          "descent",
          "display",
          "dur",
          "dx",
          "dy",
          "end",
          "fill",
          "fill-opacity",
          "fill-rule",
          "font-family",
          "font-size",
          "font-stretch",
          "font-style",
          "font-variant",
          "font-weight",
          "from",
          "fx",
          "fy",
          "g1",
          "g2",
          "glyph-name",
          "gradientUnits",
          "hanging",
          "height",
          "horiz-adv-x",
          "horiz-origin-x",
          "id",
          "ideographic",
          "k",
          "keyPoints",
          "keySplines",
          "keyTimes",
          "lang",
          "marker-end",
          "marker-mid",
          "marker-start",
          "markerHeight",
          "markerUnits",
          "markerWidth",
          "mathematical",
          "max",
          "min",
          "name",
          "offset",
          "opacity",
          "orient",
          "origin",
          "overline-position",
          "overline-thickness",
          "panose-1",
          "path",
          "pathLength",
          "points",
          "preserveAspectRatio",
          "r",
          "refX",
          "refY",
          "repeatCount",
          "repeatDur",
          "requiredExtensions",
          "requiredFeatures",
          "restart",
          "rotate",
          "rx",
          "ry",
          "slope",
          "stemh",
          "stemv",
          "stop-color",
          "stop-opacity",
          "strikethrough-position",
          "strikethrough-thickness",
          "stroke",
          "stroke-dasharray",
          "stroke-dashoffset",
          "stroke-linecap",
          "stroke-linejoin",
          "stroke-miterlimit",
          "stroke-opacity",
          "stroke-width",
          "systemLanguage",
          "target",
          "text-anchor",
          "to",
          "transform",
          "type",
          "u1",
          "u2",
          "underline-position",
          "underline-thickness",
          "unicode",
          "unicode-range",
          "units-per-em",
          "values",
          "version",
          "viewBox",
          "visibility",
          "width",
          "widths",
          "x",
          "x-height",
          "x1",
          "x2",
          "xlink:actuate",
          "xlink:arcrole",
          "xlink:href",
          "xlink:role",
          "xlink:show",
          "xlink:title",
          "xlink:type",
          "xml:base",
          "xml:lang",
          "xml:space",
          "xmlns",
          "xmlns:xlink",
          "y",
          "y1",
          "y2",
          "zoomAndPan");

  private enum Mode {
    HTML,
    MATHML,
    SVG
  }

  private int mathml;
  private int svg;
  private Mode mode = Mode.HTML;
  private String implicitXmlns;

  private static Map<String, String> byLowerCase(String... names) {
    Map<String, String> m = new HashMap<>();
    for (String n : names) {
      m.put(n.toLowerCase(Locale.ROOT), n);
    }
    return Map.copyOf(m);
  }

  /** Returns the element name to write for start tag {@code name}, or {@code null} to drop it. */
  String start(String name, String rawAttributes) {
    mode = Mode.HTML;
    implicitXmlns = null;
    if (!SanitizerPolicy.ELEMENTS.contains(name) || svg > 0) {
      boolean hasXmlns = rawAttributes.toLowerCase(Locale.ROOT).matches("(?s).*\\sxmlns\\s*=.*");
      if (name.equals("math")) {
        mathml++;
        implicitXmlns = hasXmlns ? null : MATHML_NS;
      }
      if (name.equals("svg")) {
        svg++;
        implicitXmlns = hasXmlns ? null : SVG_NS;
      }
      if (mathml > 0 && MATHML_ELEMENTS.contains(name)) {
        mode = Mode.MATHML;
        return name;
      }
      if (svg > 0 && SVG_ELEMENTS.containsKey(name)) {
        mode = Mode.SVG;
        return SVG_ELEMENTS.get(name);
      }
      if (!SanitizerPolicy.ELEMENTS.contains(name)) {
        return null;
      }
    }
    return name;
  }

  /** Returns the element name to write for end tag {@code name}, or {@code null} to drop it. */
  String end(String name) {
    if (SanitizerPolicy.ELEMENTS.contains(name)) {
      return name;
    }
    if (mathml > 0 && MATHML_ELEMENTS.contains(name)) {
      if (name.equals("math")) {
        mathml--;
      }
      return name;
    }
    if (svg > 0 && SVG_ELEMENTS.containsKey(name)) {
      if (name.equals("svg")) {
        svg--;
      }
      return SVG_ELEMENTS.get(name);
    }
    return null;
  }

  /** Says whether the current start tag is MathML or SVG, whose attribute lists replace HTML's. */
  boolean active() {
    return mode != Mode.HTML;
  }

  /** Returns the namespace to declare on the current start tag, or {@code null}. */
  String implicitXmlns() {
    return implicitXmlns;
  }

  /** Returns the cleaned value of a foreign attribute, or {@code null} to drop it. */
  String attribute(String key, String value, URI base) {
    if (mode == Mode.SVG && key.equals("style")) {
      String css = CssSanitizer.clean(value, true);
      return css.isEmpty() ? null : css;
    }
    boolean allowed =
        mode == Mode.MATHML ? MATHML_ATTRIBUTES.contains(key) : SVG_ATTRIBUTES.containsKey(key);
    if (!allowed) {
      return null;
    }
    if (key.equals("href") || key.equals("xlink:href")) {
      return UriResolver.resolve(base, value);
    }
    if (mode == Mode.SVG && ANIMATION_VALUES.contains(key)) {
      // <animate attributeName="href" values="javascript:..."> turns a link into script when
      // clicked: animation values must be safe URIs as much as href itself.
      for (String v : value.split(";")) {
        if (!UriResolver.isSafe(v.strip())) {
          return null;
        }
      }
    }
    if (key.equals("attributename")) {
      String target = value.strip().toLowerCase(Locale.ROOT);
      if (target.startsWith("on") || target.endsWith("href")) {
        return null;
      }
    }
    return value;
  }

  /** Attributes whose value an SVG animation writes into another attribute. */
  private static final Set<String> ANIMATION_VALUES = Set.of("values", "from", "to", "by");

  /** Returns the attribute name as written in the foreign vocabulary. */
  String attributeName(String key) {
    return mode == Mode.SVG ? SVG_ATTRIBUTES.getOrDefault(key, key) : key;
  }
}
