/**
 * Makes HTML and URLs from strangers safe to show: the one sanitiser that feeds ({@code parse/}),
 * pages ({@code extract/}) and imports ({@code cli/}) share.
 *
 * <p>In: HTML fragments, plain text and URLs as written by a feed, a page or an import line. Out:
 * {@link org.feedfold.sanitize.SafeHtml}, which only this package can create, and links with a safe
 * scheme. {@link org.feedfold.sanitize.Sanitizer} is the only entry point; the allow-lists, the CSS
 * filter, the MathML/SVG rules and URI resolution are package-private.
 *
 * <p>Does not: fetch anything, extract article bodies, or decide how HTML is laid out; it only
 * removes what could run code or load from elsewhere in a reader.
 */
package org.feedfold.sanitize;
