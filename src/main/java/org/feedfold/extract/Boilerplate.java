package org.feedfold.extract;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises the short lines every site template adds around an article: share prompts, "Read more"
 * and "See also" leads, comment prompts, previous/next links, tag and category lines, copyright and
 * legal links, newsletter calls, photo credits and ad labels, in English, German, French, Spanish,
 * Italian, Polish, Dutch and Portuguese.
 *
 * <p>A phrase list is one signal only: callers apply it to short blocks (a long paragraph that
 * happens to start with "Share" is text), next to link density and markup names. Stateless and
 * thread-safe.
 */
final class Boilerplate {
  private static final Pattern PREFIX =
      Pattern.compile(
          "^(?:"
              // share and follow
              + "share(?: this| on| via| the| article|:|$)|teilen(?: sie|:|$)|partager|partagez"
              + "|compartir|compartilhe|condividi|udostępnij|delen(?::|$)|follow us|folge uns"
              + "|folgen sie uns|suivez-nous|síguenos|seguici|obserwuj nas|tweet(?:$|:)"
              // read more, related
              + "|read more|read also|read next|see also|related(?: articles| posts| stories|:|$)"
              + "|more on this|more from|you may also like|you might also like|recommended"
              + "|lesen sie auch|lesen sie mehr|lies auch|auch interessant|das könnte sie"
              + "|mehr zum thema|mehr zu|weiterlesen|weitere artikel|ähnliche beiträge"
              + "|lire aussi|à lire aussi|a lire aussi|voir aussi|lire la suite|sur le même sujet"
              + "|lea también|leer más|ver también|te puede interesar|noticias relacionadas"
              + "|leggi anche|continua a leggere|czytaj także|czytaj też|czytaj więcej|zobacz też"
              + "|zobacz także|leia também|leia mais|lees ook|lees meer|mehr themen|empfohlen"
              + "|das könnte dich|das thema könnte|zum weiterlesen|weiterführende|pour lire la suite"
              + "|articles les plus lus|les plus lus|most read|most popular|trending|puedes ver"
              + "|le puede interesar|también te puede|te recomendamos|zurück zur|über den autor"
              + "|about the author|inhaltsverzeichnis|table of contents|möchten sie den artikel"
              + "|seite teilen|artikel teilen|beitrag teilen|permalien|permalink|kommentieren"
              + "|sie müssen sich|you must be logged|log in to|melden sie sich|schon gelesen"
              + "|lust auf mehr|want more\\?|if you enjoyed|vorschau auf|diskutieren sie mit"
              + "|kommentare? schreiben|kommentare insgesamt|aufrufe:|unterstütze|unterstützen sie"
              + "|den artikel mit|temas relacionados|dowiedz się więcej|weitere informationen:"
              + "|ultima modifica|quellenangaben|drukuj|imprimir|stay up-to-date|never miss"
              + "|download the|laden sie sich|jetzt herunterladen|zapraszamy"
              // comments
              + "|leave a (?:comment|reply)|post a comment|write a comment|add a comment"
              + "|no comments|\\d+ comments?|comments? (?:are )?closed|schreibe einen kommentar"
              + "|kommentar schreiben|kommentar verfassen|\\d+ kommentare?|keine kommentare"
              + "|laisser un commentaire|ajouter un commentaire|\\d+ commentaires?"
              + "|deja un comentario|dejar un comentario|\\d+ comentarios?|lascia un commento"
              + "|dodaj komentarz|\\d+ komentarz|skomentuj|reageer"
              // previous / next
              + "|previous (?:post|article|story)|next (?:post|article|story)|older posts"
              + "|newer posts|back to top|vorheriger (?:beitrag|artikel)|nächster (?:beitrag|artikel)"
              + "|voriger artikel|nach oben|article précédent|article suivant|artículo anterior"
              + "|siguiente artículo|articolo precedente|articolo successivo|poprzedni (?:wpis|artykuł)"
              + "|następny (?:wpis|artykuł)"
              // legal
              + "|©|\\(c\\) ?\\d{4}|copyright|all rights reserved|alle rechte vorbehalten"
              + "|tous droits réservés|todos los derechos reservados|wszelkie prawa zastrzeżone"
              + "|impressum|datenschutz|mentions légales|privacy policy|terms of (?:use|service)"
              + "|cookie"
              // newsletter
              + "|subscribe|sign up for|newsletter|abonnieren|jetzt abonnieren|abonnez-vous"
              + "|suscríbete|iscriviti|zapisz się"
              // tags and categories
              + "|tags?:|schlagw(?:orte|örter):|stichw(?:orte|örter):|themen:|mots-clés"
              + "|etiquetas:|tagi:|filed under|posted in|categor(?:y|ies):|kategorien?:"
              + "|veröffentlicht in|abgelegt unter|catégories?:"
              // credits
              + "|photo:|foto:|fotos:|bild:|bildquelle|image:|credit:|photo credit|titelbild"
              + "|crédits? photos?|photograph by|beitragsbild|quelle:|quellen:|źródło:|fuente:"
              + "|release date:|last modified:|last updated:|erstellt am|veröffentlicht am"
              + "|aktualisiert am|publié le|mis à jour le|publicado el|actualizado el"
              // ad and affiliate disclosures, guest-post notes
              + "|\\*?(?:anzeige|werbung|publicidad|publicité)\\s*[-.,:|*]|\\*?(?:disclaimer|disclosures?)\\b"
              + "|this (?:post|article|page)(?: and the photos within it)? (?:contains|may contain"
              + "|includes) |(?:dieser|der) (?:beitrag|artikel|text) (?:gibt die meinung|stammt aus"
              + "|enthält (?:werbung|affiliate)|erschien zuerst)"
              + "|(?:bei )?diese[mr]? (?:beitrag|artikel) handelt es sich um"
              + ")");

  private static final Pattern WHOLE =
      Pattern.compile(
          "^(?:advertisement|anzeige|werbung|publicité|publicidad|pubblicità|reklama|sponsored"
              + "|comments?|kommentare?|commentaires?|comentarios?|komentarze|commenti|reacties"
              + "|print|drucken|imprimer|e-?mail|facebook|twitter|whatsapp|linkedin|pinterest|xing"
              + "|telegram|reddit|teilen|share|partager|compartir|tags|top|kontakt|contact|pdf"
              + "|von:|by:|par:|por:|-? ?anzeige ?-?|leistungen|impressum|home|startseite):?$");

  /** A line that is only a date or a time: "23.10.2018", "19:49", "3:59 PM", "5. Mai 2020". */
  private static final Pattern DATE_LINE =
      Pattern.compile(
          "^[\\d\\s.,:/|–-]*(?:\\d{1,2}[.]? ?\\p{L}{3,10}\\.? \\d{4})?[\\d\\s.,:/|–-]*"
              + "(?:uhr|am|pm|h)?$",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private static final Pattern FEED_FOOTER =
      Pattern.compile(
          "^(?:the post|this (?:post|article|entry)|der beitrag|l'article|el artículo|"
              + "l’article|il post|wpis) .{0,300}(?:appeared first on|first appeared on"
              + "|erschien zuerst auf|est apparu en premier sur|apareció primero en"
              + "|è apparso per la prima volta su|pojawił się poraz pierwszy|pojawił się po raz"
              + " pierwszy)",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);

  private static final Pattern COMMENTS_HEADING =
      Pattern.compile(
          "^(?:\\d+\\s*)?(?:comments?|kommentare?|commentaires?|comentarios?|komentarze?"
              + "|commenti|reacties|responses|replies|reader comments|leserkommentare"
              + "|leave a (?:reply|comment)|schreibe einen kommentar|kommentar schreiben"
              + "|laisser un commentaire|deja un comentario|dodaj komentarz|lascia un commento"
              + ")(?:\\s*\\(?\\d*\\)?\\s*[:.]?)?"
              + "|^\\d+ (?:thoughts|responses|replies|comments?|kommentare?|commentaires?"
              + "|comentarios?|komentarz[ey]?) (?:on|to|zu|sur|en|a|do)\\b.*",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /**
   * A picture credit closing a short block: "(Foto: Getty)", "Photo: Jane Doe", "/ picture
   * alliance", "(Symbolbild)". Agency and stock names are international, the labels multilingual.
   */
  private static final Pattern CREDIT =
      Pattern.compile(
          "(?:[(|/]\\s*(?:foto|fotos|photo|photos|bild|image|quelle|credits?|crédit|crédito|source"
              + "|abbildung|archiv|fuente|zdjęcie|fot\\.)(?![\\p{L}\\d])\\s*[:.]?\\s*[^()]{0,60}\\)?"
              + "|\\((?:foto|photo|bild|archiv|archivbild|symbolbild|symbolfoto|getty|dpa|afp|reuters"
              + "|ap)[^)]{0,50}\\)"
              + "|(?:foto|photo|bild|credit|fuente|source|crédit photo)\\s*:\\s*[^.]{1,60}"
              + "|/\\s*(?:dpa|afp|reuters|getty images|ap|imago|picture alliance|shutterstock|istock"
              + "|domena publiczna)[^.]{0,40})\\s*$",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /** Affiliate-link notes, wherever they sit in a short block. */
  private static final Pattern AFFILIATE =
      Pattern.compile("affiliate[- ]?links?", Pattern.CASE_INSENSITIVE);

  /** Longest block that can be a caption credit rather than a paragraph quoting one. */
  static final int MAX_CREDIT = 250;

  /** Longest start of a block the phrase lists need to see. */
  private static final int HEAD = 120;

  private Boilerplate() {}

  /** Tells whether a short block's text is template furniture rather than article text. */
  static boolean isBoilerplate(String text) {
    String t = text.strip();
    if (t.isEmpty()) {
      return false;
    }
    if (t.length() <= 30 && DATE_LINE.matcher(t).matches()) {
      return true;
    }
    // The phrases sit at the start: matching a lower-cased head is much cheaper than a
    // case-insensitive match over a whole paragraph.
    String head = (t.length() > HEAD ? t.substring(0, HEAD) : t).toLowerCase(Locale.ROOT);
    return t.length() <= 40 && WHOLE.matcher(head).matches()
        || PREFIX.matcher(head).lookingAt()
        || t.length() < 300 && AFFILIATE.matcher(t).find()
        || FEED_FOOTER.matcher(t).lookingAt();
  }

  /** Tells whether a short block is a picture caption that ends in its credit. */
  static boolean isCredit(String text) {
    String t = text.strip();
    return t.length() < MAX_CREDIT
        && (t.indexOf(':') >= 0 || t.indexOf('(') >= 0 || t.indexOf('/') >= 0)
        && CREDIT.matcher(t).find();
  }

  /** Tells whether a heading opens the comment section. */
  static boolean commentsHeading(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    return t.length() < 80 && COMMENTS_HEADING.matcher(t).matches();
  }

  /** Tells whether a paragraph is a feed footer such as "The post X appeared first on Y." */
  static boolean feedFooter(String text) {
    return FEED_FOOTER.matcher(text.strip()).lookingAt();
  }
}
