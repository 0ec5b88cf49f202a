package org.feedfold.model;

import java.time.Instant;
import org.feedfold.sanitize.SafeHtml;

/**
 * Is the main content and metadata of one article page.
 *
 * @param url the page URL as fetched (may be {@code null} for a local file)
 * @param title the headline without a trailing " | Site Name"
 * @param text the body only, as plain text, paragraphs separated by newlines; never {@code null}
 * @param html the body as sanitised HTML (only the sanitiser can make one); never {@code null}
 * @param canonical from {@code link rel=canonical} or {@code og:url}, absolute
 * @param language a BCP 47 tag such as {@code en} or {@code de-CH}
 * @param refresh where the page sends the reader at once ({@code <meta http-equiv="refresh">}
 *     within a few seconds), absolute http(s); {@code null} for none
 */
public record ExtractedArticle(
    String url,
    String title,
    String text,
    SafeHtml html,
    String author,
    Instant published,
    Instant modified,
    String canonical,
    String language,
    String siteName,
    String image,
    String refresh) {}
