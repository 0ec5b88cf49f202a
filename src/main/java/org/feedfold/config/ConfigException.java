package org.feedfold.config;

import java.nio.file.Path;

/**
 * Signals a file the user gave Feedfold that cannot be used: the configuration, the subscription
 * list, the logging setup or an input file. The message names the file, the line (and column) and
 * the key: {@code config/feeds.opml:12:5: unclosed <outline> element (opened on line 9)}. The
 * command line exits with 2 for it, as for any usage error.
 */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates an exception about {@code file} (may be null) at {@code line} (0 if unknown). */
  public ConfigException(Path file, int line, String message) {
    this(file, line, 0, message);
  }

  /**
   * Creates an exception about {@code file} (may be null) at {@code line} and {@code column} (0 if
   * unknown).
   */
  public ConfigException(Path file, int line, int column, String message) {
    super(where(file, line, column) + message);
  }

  private static String where(Path file, int line, int column) {
    if (file == null) {
      return "";
    }
    if (line <= 0) {
      return file + ": ";
    }
    return column <= 0 ? file + ":" + line + ": " : file + ":" + line + ":" + column + ": ";
  }
}
