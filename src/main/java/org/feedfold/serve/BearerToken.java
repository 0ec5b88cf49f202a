package org.feedfold.serve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * Checks {@code Authorization: Bearer TOKEN} (RFC 6750 §2.1) against the configured token in
 * constant time: both sides are hashed with SHA-256 and the digests compared with {@link
 * MessageDigest#isEqual}, so neither the content nor the length of the token leaks through timing.
 * Immutable and thread-safe.
 */
final class BearerToken {
  private final byte[] expected;

  /** Creates a check for {@code token}, which must not be empty. */
  BearerToken(String token) {
    if (token == null || token.isEmpty()) {
      throw new IllegalArgumentException("http.token must not be empty here");
    }
    this.expected = sha256(token);
  }

  /**
   * Returns whether {@code authorization} (the header value, or {@code null}) carries the token.
   */
  boolean accepts(String authorization) {
    String presented = presented(authorization);
    // Always hash and compare, so a missing token takes as long as a wrong one.
    boolean equal = MessageDigest.isEqual(expected, sha256(presented == null ? "" : presented));
    return presented != null && equal;
  }

  /** Returns the token of a {@code Bearer} credential, or {@code null}. */
  static String presented(String authorization) {
    if (authorization == null) {
      return null;
    }
    String a = authorization.strip();
    if (a.length() < 7 || !a.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
      return null;
    }
    String token = a.substring(7).strip();
    return token.isEmpty() ? null : token;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
