package org.feedfold.extract;

import java.time.Instant;

/**
 * Is what a page says about its article outside the body. Any component may be {@code null}; {@code
 * articleBody} is the JSON-LD body text, used to check the DOM extraction; {@code refresh} the
 * absolute http(s) URL a {@code <meta http-equiv="refresh">} sends the reader to within {@link
 * MetadataReader#MAX_REFRESH_SECONDS}.
 */
record PageMetadata(
    String title,
    String author,
    Instant published,
    Instant modified,
    String canonical,
    String language,
    String siteName,
    String image,
    String articleBody,
    String refresh) {}
