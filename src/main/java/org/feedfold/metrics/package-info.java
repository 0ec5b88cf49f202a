/**
 * Counts what the daemon does, for {@code /metrics}: in come one-line calls from the fetch and
 * ingest path and gauges registered by the daemon; out goes the Prometheus text exposition format.
 * It keeps no history and exports nothing by itself. The front door is {@link
 * org.feedfold.metrics.Metrics}.
 */
package org.feedfold.metrics;
