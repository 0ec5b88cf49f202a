package org.feedfold.config;

import java.nio.file.Path;

/** Signals a configuration file that cannot be used; the message names file, line and key. */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates an exception about {@code file} (may be null) at {@code line} (0 if unknown). */
  public ConfigException(Path file, int line, String message) {
    super(
        file == null
            ? message
            : line > 0 ? file + ":" + line + ": " + message : file + ": " + message);
  }
}
