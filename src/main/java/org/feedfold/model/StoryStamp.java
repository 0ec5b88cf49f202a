package org.feedfold.model;

import java.time.Instant;

/**
 * Is what a listing of stories says of one story without reading its members: enough to place it in
 * an archive document and to know whether a story read or rendered before is still current.
 *
 * @param id the public story id
 * @param firstSeen when its earliest member was published (or seen)
 * @param updated when it last gained a version
 * @param version opaque; changes whenever the index rewrites the story, which it does whenever a
 *     member is added, changed in any way (also in markup, links or times, which leave {@code
 *     updated}) or merged in, and sometimes when nothing changed; {@code null} when unknown
 */
public record StoryStamp(String id, Instant firstSeen, Instant updated, String version) {}
