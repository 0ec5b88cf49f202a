package org.feedfold.ingest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.feedfold.fetch.HttpFetcher;
import org.feedfold.model.FeedMeta;
import org.feedfold.model.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to the WebSub hubs that feeds advertise and takes their pushes (W3C WebSub, the
 * subscriber side): the front door of push for this package.
 *
 * <p>After a successful fetch whose feed names a hub ({@link #seen}), it POSTs {@code
 * hub.mode=subscribe} with the topic (the feed's {@code rel="self"}, else its URL), a callback
 * {@code serve.public-url/websub/ID} with an opaque random {@code ID}, a random 32-byte {@code
 * hub.secret} and the lease asked for (§5.1). The hub verifies intent with a GET the server hands
 * to {@link #verify} (§5.3): answered only for the pending or active subscription of that ID, mode
 * and topic, and the granted lease is stored. Pushes reach {@link #deliver} (§7, §8): only a body
 * whose {@code X-Hub-Signature} (sha1, sha256, sha384 or sha512 HMAC with the secret) matches, in
 * constant time, is ingested, exactly as a fetched body ({@link FeedIngester#pushed}); any other is
 * logged and dropped. {@link #tick} resubscribes at 85% of a lease; {@link #subscriptions}
 * unsubscribes from feeds no longer listed. Polling goes on regardless, as the fallback.
 *
 * <p>Subscriptions survive restarts in {@code websub.json} in the data directory, rewritten
 * atomically on each change. Thread-safe: every method synchronises on this object except the
 * network and index work, which runs outside the lock.
 */
public final class WebSub {
  private static final Logger log = LoggerFactory.getLogger(WebSub.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** The part of a lease after which it is renewed. */
  static final double RENEW_AT = 0.85;

  /** How long a subscription request may wait for the hub's verification before it is resent. */
  static final Duration PENDING = Duration.ofHours(1);

  private static final Map<String, String> MACS =
      Map.of(
          "sha1",
          "HmacSHA1",
          "sha256",
          "HmacSHA256",
          "sha384",
          "HmacSHA384",
          "sha512",
          "HmacSHA512");

  /**
   * Is one subscription to a hub, as stored.
   *
   * @param id the opaque callback ID
   * @param feed the subscription's feed URL
   * @param state {@code pending} (asked, not verified), {@code active} or {@code unsubscribing}
   * @param asked when the last request was sent, epoch seconds
   * @param renewAt when to resubscribe, epoch seconds; 0 while pending
   */
  record Lease(
      String id,
      String feed,
      String topic,
      String hub,
      String secret,
      String state,
      long asked,
      long leaseSeconds,
      long renewAt) {
    Lease with(String newState, long newAsked, long newLease, long newRenew) {
      return new Lease(id, feed, topic, hub, secret, newState, newAsked, newLease, newRenew);
    }
  }

  private final WebSubSettings settings;
  private final HttpFetcher hubs;
  private final FeedIngester ingester;
  private final Path file;
  private final InstantSource clock;
  private final RandomGenerator random;
  private final Map<String, Lease> byId = new LinkedHashMap<>();

  /**
   * Creates the subscriber and reads the stored subscriptions; registers itself with {@code
   * ingester} so fetches report hubs here.
   *
   * @param hubs the fetcher whose client (address guard, timeouts) sends hub requests
   * @param dataDir where {@code websub.json} is kept
   * @param random a cryptographically strong source for IDs and secrets
   * @throws IOException when the stored subscriptions cannot be read
   */
  public WebSub(
      WebSubSettings settings,
      HttpFetcher hubs,
      FeedIngester ingester,
      Path dataDir,
      InstantSource clock,
      RandomGenerator random)
      throws IOException {
    this.settings = settings;
    this.hubs = hubs;
    this.ingester = ingester;
    this.file = dataDir.resolve("websub.json");
    this.clock = clock;
    this.random = random;
    if (Files.exists(file)) {
      List<Lease> stored = JSON.readValue(file.toFile(), new TypeReference<List<Lease>>() {});
      stored.forEach(l -> byId.put(l.id(), l));
    }
    ingester.webSub(this);
  }

  /** Returns the largest pushed body accepted, {@code fetch.max-body}. */
  public long maxBody() {
    return settings.maxBody();
  }

  /**
   * Subscribes to the hub {@code meta} advertises for {@code sub}, unless a subscription for that
   * hub and topic is active and not due, or was asked less than {@link #PENDING} ago. Called after
   * every successful fetch; a hub that fails is logged and asked again after the next fetch.
   */
  void seen(Subscription sub, FeedMeta meta) {
    if (meta.hub() == null) {
      return;
    }
    URI hub;
    try {
      hub = URI.create(meta.hub());
    } catch (IllegalArgumentException e) {
      return;
    }
    String topic = meta.self() != null ? meta.self() : sub.url().toString();
    long now = clock.instant().getEpochSecond();
    Lease lease;
    synchronized (this) {
      Lease old = forFeed(sub.url().toString());
      if (old != null
          && old.hub().equals(hub.toString())
          && old.topic().equals(topic)
          && (old.state().equals("active") && now < old.renewAt()
              || old.state().equals("pending") && now < old.asked() + PENDING.toSeconds())) {
        return;
      }
      lease =
          old != null && old.hub().equals(hub.toString()) && old.topic().equals(topic)
              ? old
              : new Lease(
                  token(16),
                  sub.url().toString(),
                  topic,
                  hub.toString(),
                  token(32),
                  "pending",
                  now,
                  0,
                  0);
      if (old != null && old != lease) {
        byId.remove(old.id());
      }
    }
    ask(lease, "subscribe");
  }

  /** Resubscribes every active lease past {@link #RENEW_AT} of its term; the scheduler's tick. */
  void tick(Instant now) {
    List<Lease> due;
    synchronized (this) {
      due =
          byId.values().stream()
              .filter(l -> l.state().equals("active") && now.getEpochSecond() >= l.renewAt())
              .toList();
    }
    for (Lease l : due) {
      log.info("websub {}: renewing the lease at {}", l.topic(), l.hub());
      ask(l, "subscribe");
    }
  }

  /** Unsubscribes the leases of feeds no longer in {@code subs}. */
  void subscriptions(List<Subscription> subs) {
    Set<String> listed = subs.stream().map(s -> s.url().toString()).collect(Collectors.toSet());
    List<Lease> gone;
    synchronized (this) {
      gone =
          byId.values().stream()
              .filter(l -> !listed.contains(l.feed()) && !l.state().equals("unsubscribing"))
              .toList();
    }
    for (Lease l : gone) {
      ask(l, "unsubscribe");
    }
  }

  /**
   * Records the request, then sends it: recorded first because a hub may verify intent before it
   * answers the request (§5.3). A failure is logged; a pending subscription is asked again after
   * the next fetch past {@link #PENDING}, a renewal at the first tick past it.
   */
  private void ask(Lease lease, String mode) {
    long now = clock.instant().getEpochSecond();
    synchronized (this) {
      Lease current = byId.getOrDefault(lease.id(), lease);
      String state =
          mode.equals("unsubscribe")
              ? "unsubscribing"
              : current.state().equals("active") ? "active" : "pending";
      // An active lease stays usable while its renewal is verified; renewed again in PENDING if
      // not.
      long renew = state.equals("active") ? now + PENDING.toSeconds() : 0;
      byId.put(lease.id(), current.with(state, now, current.leaseSeconds(), renew));
      save();
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("hub.mode", mode);
    form.put("hub.topic", lease.topic());
    form.put("hub.callback", settings.callback(lease.id()).toString());
    if (mode.equals("subscribe")) {
      form.put("hub.secret", lease.secret());
      form.put("hub.lease_seconds", Long.toString(settings.lease().toSeconds()));
    }
    int status;
    try {
      status = hubs.postForm(URI.create(lease.hub()), form);
    } catch (IOException | IllegalArgumentException e) {
      log.warn(
          "websub {}: {} request to {} failed: {}", lease.topic(), mode, lease.hub(), e.toString());
      return;
    }
    if (status / 100 != 2) {
      log.warn("websub {}: hub {} answered {} to {}", lease.topic(), lease.hub(), status, mode);
    } else {
      log.info("websub {}: asked {} to {} (HTTP {})", lease.topic(), lease.hub(), mode, status);
    }
  }

  /**
   * Answers a hub's verification of intent (WebSub §5.3): returns {@code challenge} when {@code id}
   * names a subscription of that {@code topic} that was asked for in that {@code mode}, else {@code
   * null} (to be answered 404). A verified subscription is active for {@code leaseSeconds} (the
   * lease asked for when absent); a verified unsubscription is forgotten; a {@code denied}
   * subscription (§5.2) is forgotten and answered with an empty body.
   */
  public synchronized String verify(
      String id, String mode, String topic, String challenge, String leaseSeconds) {
    Lease l = id == null ? null : byId.get(id);
    if (l == null || mode == null || topic == null || !l.topic().equals(topic)) {
      return null;
    }
    switch (mode) {
      case "subscribe" -> {
        if (challenge == null || l.state().equals("unsubscribing")) {
          return null;
        }
        long lease = settings.lease().toSeconds();
        if (leaseSeconds != null && leaseSeconds.matches("\\d{1,9}")) {
          lease = Long.parseLong(leaseSeconds);
        }
        long now = clock.instant().getEpochSecond();
        byId.put(id, l.with("active", l.asked(), lease, now + (long) (lease * RENEW_AT)));
        save();
        log.info("websub {}: subscribed at {} for {}s", topic, l.hub(), lease);
        return challenge;
      }
      case "unsubscribe" -> {
        if (challenge == null || !l.state().equals("unsubscribing")) {
          return null;
        }
        byId.remove(id);
        save();
        log.info("websub {}: unsubscribed at {}", topic, l.hub());
        return challenge;
      }
      case "denied" -> {
        byId.remove(id);
        save();
        log.warn("websub {}: hub {} denied the subscription; polling only", topic, l.hub());
        return "";
      }
      default -> {
        return null;
      }
    }
  }

  /**
   * Takes a push (WebSub §7, §8): ingests {@code body} as the subscription's feed document when
   * {@code signature} ({@code X-Hub-Signature}) is a valid HMAC of it with the subscription's
   * secret; otherwise logs and drops it.
   *
   * @return false when {@code id} names no subscription (answered 404 or 410); true otherwise,
   *     whether the content was taken or not (answered 2xx, as §8 asks of a bad signature)
   * @throws IOException only when the index cannot be written
   */
  public boolean deliver(String id, byte[] body, String contentType, String signature)
      throws IOException {
    Lease l;
    synchronized (this) {
      l = id == null ? null : byId.get(id);
    }
    if (l == null || l.state().equals("unsubscribing")) {
      log.debug("websub: push for unknown subscription {} dropped", id);
      return false;
    }
    if (!signed(body, signature, l.secret())) {
      log.warn(
          "websub {}: push from {} dropped: {} X-Hub-Signature",
          l.topic(),
          l.hub(),
          signature == null ? "no" : "a bad");
      return true;
    }
    FeedReport r =
        ingester.pushed(new Subscription(URI.create(l.feed()), null, null), body, contentType);
    log.info(
        "feed {}: pushed by {}, {} entries, {} new, {} changed",
        l.feed(),
        l.hub(),
        r.entries(),
        r.added(),
        r.changed());
    return true;
  }

  /** Checks {@code method=HEX} against the HMAC of {@code body}, in constant time. */
  static boolean signed(byte[] body, String signature, String secret) {
    if (signature == null) {
      return false;
    }
    int eq = signature.indexOf('=');
    if (eq < 0) {
      return false;
    }
    String algorithm = MACS.get(signature.substring(0, eq).strip().toLowerCase(Locale.ROOT));
    byte[] given;
    try {
      given = HexFormat.of().parseHex(signature.substring(eq + 1).strip());
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (algorithm == null) {
      return false;
    }
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
      return MessageDigest.isEqual(mac.doFinal(body), given);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** Returns the stored subscriptions, for tests and {@code feeds list}. */
  synchronized List<Lease> leases() {
    return new ArrayList<>(byId.values());
  }

  private Lease forFeed(String feed) {
    for (Lease l : byId.values()) {
      if (l.feed().equals(feed) && !l.state().equals("unsubscribing")) {
        return l;
      }
    }
    return null;
  }

  private String token(int bytes) {
    byte[] b = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      b[i] = (byte) random.nextInt(256);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Writes the subscriptions to a temporary file and moves it over the old one. */
  private void save() {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling("websub.json.tmp");
      JSON.writeValue(tmp.toFile(), new ArrayList<>(byId.values()));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      log.warn("websub: cannot save {}: {}", file, e.getMessage());
    }
  }
}
