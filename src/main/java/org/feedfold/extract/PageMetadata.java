package org.feedfold.extract;

import java.time.Instant;

/**
 * Is what a page says about its article outside the body. Any component may be {@code null}; {@code
 * articleBody} is the JSON-LD body text, used to check the DOM extraction.
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
    String articleBody) {}
