package org.feedfold.extract;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * Reads what a page's own markup says about an element: class and id names ("share-bar",
 * "kommentare", "article-body"), ARIA roles, {@code itemprop}. Names are matched in English and the
 * other languages the project sees most (German, French, Spanish, Italian, Polish, Dutch,
 * Portuguese), because many templates are written in the site's language.
 *
 * <p>The static matchers are thread-safe; an instance caches verdicts for one page and is not. A
 * hint is only one signal: the callers weigh it against text statistics so that a misnamed wrapper
 * cannot drop an article.
 */
final class Hints {
  /** Names of comment sections; matched at the start of a name token. */
  private static final Pattern COMMENTS =
      Pattern.compile(
          "(?<![a-z0-9])(?:comment(?!ary)|kommentar|commentaire|comentario|komentarz|commenti|reactie"
              + "|disqus|respond|replies|reply|leserbrief|discussion|forum)");

  /** Names that mark boilerplate no article body is ever inside of, at a token start. */
  private static final Pattern STRONG_NEGATIVE =
      Pattern.compile(
          "(?<![a-z0-9])(?:share|sharing|social|sociable|addthis|shariff|sharedaddy|teilen"
              + "|partag|compartir|condivi|udostepn|related|verwandt|aehnlich|ahnlich|similar"
              + "|relacionad|correlat|powiazan|recommend|empfehl|newsletter|subscri|abonn|signup"
              + "|sign-up|cookie|consent|gdpr|outbrain|taboola|zergnet|plista|ligatus|yarpp"
              + "|jp-relatedposts|further-reading|more-stories|read-more|readmore|weiterlesen"
              + "|also-read|author-bio|author-box|authorbox|about-author|post-navigation"
              + "|author[-_]*(?:description|bio|info|section|details?|desc|longdesc|about|position"
              + "|profile|card)|autor(?:en)?[-_]*(?:info|box|beschreibung|profil)|disclaimer|disclosure"
              + "|push-widget|appstore|cta(?![a-z])|legend(?![a-z])"
              + "|nav-links|navigation|breadcrumb|pagination|pager|paging|tagcloud|tag-cloud"
              + "|taglist|tags-list|post-tags|entry-tags|print-only|skip-link|screen-reader"
              + "|sr-only|visually-hidden|wp-caption|caption|credit|copyright|popup|modal"
              + "|overlay|paywall-prompt|login|rating|voting|sidebar)");

  /** Names that usually mark page furniture but are also used for layout wrappers. */
  private static final Pattern WEAK_NEGATIVE =
      Pattern.compile(
          "(?:^|[\\s_-])(?:ad|ads|advert\\w*|adv|anzeige\\w*|werbung|publicidad|pub|reklama"
              + "|banner|sponsor\\w*|promo\\w*|widgets?(?=$|\\s)|widget-area|side|aside|menu\\w*|nav\\w*"
              + "|footer\\w*|header\\w*|masthead|topbar|toolbar|links|meta|byline|dateline|date"
              + "|timestamp|hidden|hide|teaser-list|more|extra|combx|community|shoutbox"
              + "|skyscraper|supplemental|legends|remark|rss|feed|trending|popular|most-read"
              + "|meistgelesen|sitemap|search|suche|contact|share\\w*|tools|utility|util)"
              + "(?:$|[\\s_-])");

  /** Names that mark the article body in common CMS templates. */
  private static final Pattern POSITIVE =
      Pattern.compile(
          "article|artikel|articulo|artykul|body|content|inhalt|contenu|contenido|entry|main"
              + "|post|story|text|blog|page|hentry|single|news|beitrag|nachricht|tresc|corps"
              + "|cuerpo|testo|materia|noticia");

  private final Map<String, Integer> verdicts = new HashMap<>();

  /** Creates an empty per-page cache of verdicts; templates repeat class lists many times. */
  Hints() {}

  private static final Pattern BEM_MODIFIER = Pattern.compile("--[a-z0-9_-]*");

  /** WordPress and similar CMSs list a post's categories and tags as classes of its wrapper. */
  private static final Pattern POST_CLASSES =
      Pattern.compile("(?<![a-z0-9])(?:post-\\d+|type-post|hentry|status-publish)(?![a-z0-9])");

  /**
   * Returns the element's class and id joined by a space, with camelCase humps split by "-" and
   * lower-cased ("articleComments" becomes "article-comments"); empty if neither or if the classes
   * are a CMS post wrapper's taxonomy list, which names say nothing about.
   */
  static String names(Element e) {
    String cls = e.className();
    String id = e.id();
    if (cls.isEmpty() && id.isEmpty()) {
      return "";
    }
    String raw = id.isEmpty() ? cls : cls + ' ' + id;
    boolean camel = false;
    for (int i = 1; i < raw.length() && !camel; i++) {
      camel = Character.isUpperCase(raw.charAt(i)) && Character.isLowerCase(raw.charAt(i - 1));
    }
    String names;
    if (camel) {
      StringBuilder b = new StringBuilder(raw.length() + 8);
      for (int i = 0; i < raw.length(); i++) {
        char ch = raw.charAt(i);
        if (Character.isUpperCase(ch) && i > 0 && Character.isLowerCase(raw.charAt(i - 1))) {
          b.append('-');
        }
        b.append(Character.toLowerCase(ch));
      }
      names = b.toString();
    } else {
      names = raw.toLowerCase(Locale.ROOT);
    }
    if (names.contains("--")) {
      // BEM modifiers describe a layout ("p-body--with-sidebar"), not the element itself.
      names = BEM_MODIFIER.matcher(names).replaceAll("");
    }
    if ((names.contains("post") || names.contains("hentry"))
        && POST_CLASSES.matcher(names).find()) {
      return "";
    }
    return names;
  }

  /** Bits of {@link #classify}. */
  static final int COMMENTS_NAME = 1;

  static final int STRONG_NAME = 2;
  static final int WEAK_NAME = 4;
  static final int POSITIVE_NAME = 8;

  /** Returns the hint bits that apply to {@code names}, as from {@link #names}. */
  static int classify(String names) {
    if (names.isEmpty()) {
      return 0;
    }
    int bits = 0;
    if (comments(names)) {
      bits |= COMMENTS_NAME;
    } else if (strongNegative(names)) {
      bits |= STRONG_NAME;
    } else if (weakNegative(names)) {
      bits |= WEAK_NAME;
    }
    if (positive(names)) {
      bits |= POSITIVE_NAME;
    }
    return bits;
  }

  static boolean comments(String names) {
    return !names.isEmpty() && COMMENTS.matcher(names).find();
  }

  static boolean strongNegative(String names) {
    return !names.isEmpty() && STRONG_NEGATIVE.matcher(names).find();
  }

  static boolean weakNegative(String names) {
    return !names.isEmpty() && WEAK_NEGATIVE.matcher(names).find();
  }

  static boolean positive(String names) {
    return !names.isEmpty() && POSITIVE.matcher(names).find();
  }

  /** Returns the {@link #classify} bits of the element's names, cached per distinct names. */
  int bits(Element e) {
    String names = names(e);
    return names.isEmpty() ? 0 : verdicts.computeIfAbsent(names, Hints::classify);
  }

  /** Scores the names the way Readability does: +25 for a body hint, -25 for boilerplate. */
  int weight(Element e) {
    int bits = bits(e);
    int w = 0;
    if ((bits & (COMMENTS_NAME | STRONG_NAME | WEAK_NAME)) != 0) {
      w -= 25;
    }
    if ((bits & POSITIVE_NAME) != 0) {
      w += 25;
    }
    return w;
  }
}
