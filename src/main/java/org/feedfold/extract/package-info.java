/**
 * Extracts the article body and metadata from HTML pages and feed content.
 *
 * <p>In: page bytes with their URL and HTTP {@code Content-Type} ({@link
 * org.feedfold.extract.PageSource}), or an HTML fragment from a feed entry. Out: an {@link
 * org.feedfold.model.ExtractedArticle} with the body as plain text (one paragraph per line) and as
 * sanitised HTML, plus title, author, dates, canonical URL, language, site name and lead image.
 *
 * <p>The stage is a chain of small steps: charset decoding, metadata reading (JSON-LD, Open Graph,
 * meta tags, page), boilerplate pruning, Readability-style scoring of the DOM, cleaning inside the
 * chosen block, and rendering. {@link org.feedfold.extract.ArticleExtractor} is the only public
 * class.
 *
 * <p>Not done here: fetching (the {@code fetch/} stage), running scripts, following pagination to a
 * second page, or deciding whether a page is an article at all.
 */
package org.feedfold.extract;
