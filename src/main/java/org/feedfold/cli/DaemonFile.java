package org.feedfold.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes {@code daemon.json} in the data directory: where a running daemon answers
 * ({@code {"pid","port","url"}}), so that {@code fetch} can ask it to fetch now while it holds the
 * index (issue 10). Written once the server listens, removed on a clean exit; a file left by a
 * daemon that died is ignored, because its process is gone.
 */
final class DaemonFile {
  static final String NAME = "daemon.json";

  /** Is a running daemon: its process id and the loopback URL of its server. */
  record Running(long pid, URI url) {}

  private DaemonFile() {}

  /** Writes the file atomically for this process, serving at {@code url}. */
  static void write(Path dataDir, URI url) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("pid", ProcessHandle.current().pid());
    json.put("port", url.getPort());
    json.put("url", url.toString());
    Path tmp = Files.createTempFile(dataDir, ".daemon", ".tmp");
    try {
      Files.writeString(tmp, Json.line(json) + "\n");
      try {
        Files.move(tmp, dataDir.resolve(NAME), StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, dataDir.resolve(NAME), StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Removes the file if this process wrote it. */
  static void remove(Path dataDir) {
    Optional<Running> r = read(dataDir);
    if (r.isPresent() && r.get().pid() == ProcessHandle.current().pid()) {
      try {
        Files.deleteIfExists(dataDir.resolve(NAME));
      } catch (IOException e) {
        // Harmless: a file whose process is gone is ignored.
      }
    }
  }

  /**
   * Returns the daemon the file names if its process is alive; empty if there is no file, it cannot
   * be read, or its process is gone (a daemon killed without a clean exit).
   */
  static Optional<Running> running(Path dataDir) {
    return read(dataDir)
        .filter(r -> ProcessHandle.of(r.pid()).map(ProcessHandle::isAlive).orElse(false));
  }

  private static Optional<Running> read(Path dataDir) {
    Path file = dataDir.resolve(NAME);
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > 4096) {
        return Optional.empty();
      }
      JsonNode json = Json.mapper().readTree(Files.readString(file));
      JsonNode pid = json.get("pid");
      JsonNode url = json.get("url");
      if (pid == null || !pid.canConvertToLong() || url == null || !url.isTextual()) {
        return Optional.empty();
      }
      URI u = URI.create(url.asText());
      if (!"http".equals(u.getScheme()) || u.getHost() == null) {
        return Optional.empty();
      }
      return Optional.of(new Running(pid.asLong(), u));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
