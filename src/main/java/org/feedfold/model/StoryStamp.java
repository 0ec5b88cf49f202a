package org.feedfold.model;

import java.time.Instant;

/**
 * Is what a listing of stories says of one story without reading its members: enough to place it in
 * an archive document and to know whether a rendering of it is still current.
 *
 * @param id the public story id
 * @param firstSeen when its earliest member was published (or seen)
 * @param updated when it last gained a version
 */
public record StoryStamp(String id, Instant firstSeen, Instant updated) {}
