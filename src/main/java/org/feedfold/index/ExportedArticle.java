package org.feedfold.index;

import java.time.Instant;

/** Is one article as {@code export --jsonl} prints it. */
public record ExportedArticle(
    String id, String url, String title, Instant published, String source, String story) {}
