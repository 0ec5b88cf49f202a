/**
 * Runs a loopback news wire for {@code feedfold demo}: real Wikinews articles republished by
 * simulated outlets the way the web does, served over HTTP for the real daemon to fetch.
 *
 * <p>In: the Wikinews sample bundled as a resource and a clock. Out: RSS 2.0, Atom and JSON Feed
 * documents and article pages on {@code 127.0.0.1}, with ETags, whose content moves on as the demo
 * runs (late outlets, a live story gaining updates). The front door is {@link
 * org.feedfold.demo.DemoWire}.
 *
 * <p>What this stage does not do: fetch, parse, extract or cluster anything. The daemon subscribed
 * to the wire does that through the same code paths as for any real feed; nothing in the pipeline
 * knows the demo exists.
 */
package org.feedfold.demo;
