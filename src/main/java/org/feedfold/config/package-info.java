/**
 * Loads {@code feedfold.properties} into typed settings.
 *
 * <p>In: a properties file (or none: the embedded defaults). Out: a validated {@link
 * org.feedfold.config.FeedfoldConfig}. Every key, its default and its meaning is declared once, in
 * {@code ConfigKey}; {@code config/feedfold.properties} mirrors that table and a test keeps them
 * equal. An unknown key or a bad value fails with a {@link org.feedfold.config.ConfigException}
 * naming the file, the line and the key. This package reads no environment variables and starts
 * nothing.
 */
package org.feedfold.config;
