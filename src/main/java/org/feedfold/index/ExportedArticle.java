package org.feedfold.index;

import java.time.Instant;

/**
 * Is one article as {@code export} prints it: everything {@code import} needs to index it again.
 *
 * @param id the article id
 * @param url its link; may be {@code null}
 * @param canonical the canonical URL its page declared; may be {@code null}
 * @param title the headline
 * @param text the body as plain text, paragraphs separated by newlines
 * @param html the body as sanitised HTML; may be {@code null}
 * @param published when the outlet published it; may be {@code null}
 * @param seen when Feedfold first saw it
 * @param source the outlet's name; may be {@code null}
 * @param feedUrl the subscription it came from; may be {@code null}
 * @param language its language tag; {@code null} if unknown or indexed before it was kept
 * @param story the public id of its story, after merges
 */
public record ExportedArticle(
    String id,
    String url,
    String canonical,
    String title,
    String text,
    String html,
    Instant published,
    Instant seen,
    String source,
    String feedUrl,
    String language,
    String story) {}
