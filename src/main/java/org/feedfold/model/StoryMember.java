package org.feedfold.model;

import java.time.Instant;

/** Is one article as a member of a story; {@code original} marks the earliest published one. */
public record StoryMember(
    String id, String url, String title, String source, Instant published, boolean original) {}
