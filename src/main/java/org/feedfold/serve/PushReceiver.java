package org.feedfold.serve;

import java.io.IOException;

/**
 * Takes what WebSub hubs send to {@code /websub/ID}: the server's view of the subscriber ({@link
 * org.feedfold.ingest.WebSub}), wired by the daemon. These paths are answered without the bearer
 * token, since hubs cannot send it; the ID is random, and pushes are checked by their signature.
 * Implementations are thread-safe; calls run on the request pool.
 */
public interface PushReceiver {
  /** The path prefix of callbacks. */
  String PREFIX = "/websub/";

  /**
   * Answers a verification of intent; returns the body to answer 200 with (the challenge), or
   * {@code null} to answer 404.
   */
  String verify(String id, String mode, String topic, String challenge, String leaseSeconds);

  /**
   * Takes a pushed body; returns false when {@code id} names no subscription (answered 410 Gone,
   * WebSub §7.1), true otherwise (answered 202, whether the signature held or not).
   *
   * @throws IOException when it could not be stored (answered 503)
   */
  boolean deliver(String id, byte[] body, String contentType, String signature) throws IOException;

  /** Returns the largest body accepted, in bytes; larger ones are answered 413. */
  long maxBody();
}
