package org.feedfold.model;

/** Is a media file attached to an entry; {@code type} and {@code length} may be {@code null}. */
public record Enclosure(String url, String type, Long length) {}
