package org.feedfold.model;

import java.time.Instant;

/** Holds feed-level metadata; any component may be {@code null}. */
public record FeedMeta(
    String title,
    String link,
    String subtitle,
    String id,
    String language,
    Instant published,
    Instant updated,
    String author) {}
