package org.feedfold.model;

import java.time.Instant;

/**
 * Is one article matching a search, with its story and a highlighted snippet: HTML whose text is
 * escaped and whose matches are wrapped in {@code <b>}.
 */
public record SearchHit(
    String id,
    String url,
    String title,
    String source,
    Instant published,
    String story,
    float score,
    String snippet) {}
