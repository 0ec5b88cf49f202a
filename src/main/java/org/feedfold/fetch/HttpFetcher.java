package org.feedfold.fetch;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.hc.client5.http.CircularRedirectException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.RedirectException;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.cookie.BasicCookieStore;
import org.apache.hc.client5.http.entity.UrlEncodedFormEntity;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.auth.BasicScheme;
import org.apache.hc.client5.http.impl.auth.CredentialsProviderBuilder;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.protocol.RedirectLocations;
import org.apache.hc.client5.http.routing.RoutingSupport;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.message.BasicNameValuePair;
import org.apache.hc.core5.util.Timeout;
import org.feedfold.model.Credentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches feed documents with conditional GET over a pooled Apache HttpClient 5.
 *
 * <p>Thread-safe: one instance serves all feeds, sharing a connection pool limited per host and in
 * total. {@link #fetch} blocks and never throws for network or HTTP problems; they come back as
 * {@link FetchOutcome} cases. Implements RFC 9110 conditional requests ({@code If-None-Match},
 * {@code If-Modified-Since}), transparent gzip/deflate decoding, redirects up to {@link
 * FetchSettings#maxRedirects()} with the final URL reported, and {@code Retry-After}. TLS uses the
 * JDK trust store with host name verification. Only {@code http} and {@code https} are fetched.
 * Nothing is retried here: retry timing is {@link RefreshPolicy}'s job.
 *
 * <p>Every request first passes a {@link HostGate} (per-host connections and delay, a host held by
 * a {@code Retry-After}); a fetcher made without one gets its own, with no delay.
 *
 * <p>Every fetch has a total deadline ({@link FetchSettings#deadline()}, {@code fetch.deadline}):
 * the read timeout bounds each wait for bytes, so a server that sends a byte a second would
 * otherwise hold a fetch (and the pass it belongs to) as long as it likes. At the deadline the
 * request is aborted and its connection closed, whatever stage it is in; the outcome is a {@link
 * FetchOutcome.Failed} whose reason names the limit.
 */
public final class HttpFetcher implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpFetcher.class);
  private static final String DEFAULT_ACCEPT =
      "application/atom+xml, application/rss+xml, application/feed+json, application/json;q=0.9,"
          + " application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8";

  /** The context attribute holding the status of each response of one fetch, in order. */
  private static final String STATUSES = "feedfold.statuses";

  private final FetchSettings settings;
  private final InstantSource clock;
  private final CloseableHttpClient client;
  private final ScheduledThreadPoolExecutor deadlines;
  private final RobotsRules robots;
  private volatile HostGate gate;

  /**
   * Creates a fetcher with its own connection pool and its own {@link HostGate} (the per-host limit
   * of {@code settings}, no delay); {@link #close()} releases it.
   */
  public HttpFetcher(FetchSettings settings) {
    this(settings, InstantSource.system());
  }

  /**
   * Creates a fetcher whose requests pass {@code gate}, shared with the process's other fetchers so
   * per-host limits hold across feeds and article pages.
   */
  public HttpFetcher(FetchSettings settings, HostGate gate) {
    this(settings, InstantSource.system());
    this.gate = Objects.requireNonNull(gate, "gate");
  }

  /** Creates a fetcher that reads {@code clock} to turn a {@code Retry-After} date into a delay. */
  HttpFetcher(FetchSettings settings, InstantSource clock) {
    this(settings, clock, SystemDefaultDnsResolver.INSTANCE);
  }

  /**
   * Creates a fetcher for article pages: as {@link #HttpFetcher(FetchSettings)}, and a page that
   * its host's robots.txt disallows for us is not fetched ({@link RobotsRules}); the outcome is a
   * {@link FetchOutcome.Failed} naming the file. Feeds, which the user subscribed to explicitly,
   * are fetched without asking robots.txt.
   */
  public static HttpFetcher forArticlePages(FetchSettings settings) {
    return new HttpFetcher(
        settings, InstantSource.system(), SystemDefaultDnsResolver.INSTANCE, true);
  }

  /**
   * Creates a fetcher for article pages as {@link #forArticlePages(FetchSettings)} whose requests,
   * robots.txt included, pass {@code gate}, shared with the feed fetcher.
   */
  public static HttpFetcher forArticlePages(FetchSettings settings, HostGate gate) {
    HttpFetcher pages = forArticlePages(settings);
    pages.gate = Objects.requireNonNull(gate, "gate");
    return pages;
  }

  /** Creates a fetcher resolving host names with {@code dns}; tests use it to avoid real DNS. */
  HttpFetcher(FetchSettings settings, InstantSource clock, DnsResolver dns) {
    this(settings, clock, dns, false);
  }

  /** Creates a fetcher that asks robots.txt before every fetch if {@code obeyRobots}. */
  HttpFetcher(FetchSettings settings, InstantSource clock, DnsResolver dns, boolean obeyRobots) {
    this.robots =
        obeyRobots
            ? new RobotsRules(
                u -> gated(new FetchRequest(u, null, null, "text/plain"), u),
                clock,
                settings.userAgent())
            : null;
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.gate = new HostGate(settings.maxConnectionsPerHost(), Duration.ZERO);
    Timeout connect = Timeout.ofMilliseconds(settings.connectTimeout().toMillis());
    Timeout read = Timeout.ofMilliseconds(settings.readTimeout().toMillis());
    var pool =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setDnsResolver(
                new AddressGuard(Objects.requireNonNull(dns, "dns"), settings.allowPrivate()))
            .setMaxConnPerRoute(settings.maxConnectionsPerHost())
            .setMaxConnTotal(settings.maxConnectionsTotal())
            .setDefaultConnectionConfig(
                ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(read).build())
            .build();
    RequestConfig request =
        RequestConfig.custom()
            .setResponseTimeout(read)
            // Waiting for a pooled connection is bounded like a connect.
            .setConnectionRequestTimeout(connect)
            .setRedirectsEnabled(settings.maxRedirects() > 0)
            .setMaxRedirects(settings.maxRedirects())
            // A site that sets a cookie and redirects back to the same URL is no loop; a real loop
            // still ends at fetch.max-redirects and is reported as one.
            .setCircularRedirectsAllowed(true)
            .build();
    this.client =
        HttpClients.custom()
            .setConnectionManager(pool)
            .setDefaultRequestConfig(request)
            .setUserAgent(settings.userAgent())
            // The default strategy silently re-sends on 429/503; callers must see those.
            .disableAutomaticRetries()
            .setContentDecoderRegistry(LenientDecoding.registry())
            .disableAuthCaching()
            // Records the status of every hop, so that only an all-permanent chain moves a feed.
            .addResponseInterceptorLast(
                (response, entity, context) -> {
                  if (context.getAttribute(STATUSES) instanceof List<?> list) {
                    @SuppressWarnings("unchecked")
                    List<Integer> statuses = (List<Integer>) list;
                    statuses.add(response.getCode());
                  }
                })
            .build();
    this.deadlines =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "feedfold-fetch-deadline");
              t.setDaemon(true);
              return t;
            });
    // A fetch that ends in time cancels its timer; drop it now rather than at the deadline.
    deadlines.setRemoveOnCancelPolicy(true);
  }

  /**
   * Fetches {@code request.url()}, revalidating with the request's validators.
   *
   * @return the outcome; never {@code null}
   */
  public FetchOutcome fetch(FetchRequest request) {
    // HttpClient would send raw non-ASCII characters of a path as Latin-1 bytes.
    URI url =
        request.url().toString().chars().allMatch(c -> c < 0x80)
            ? request.url()
            : URI.create(request.url().toASCIIString());
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return new FetchOutcome.Failed(url, 0, "unsupported scheme '" + scheme + "'");
    }
    if (url.getHost() == null) {
      return new FetchOutcome.Failed(url, 0, "no host in " + url);
    }
    if (robots != null) {
      String refusal = robots.refusal(url);
      if (refusal != null) {
        return new FetchOutcome.Failed(url, 0, refusal);
      }
    }
    return gated(request, url);
  }

  /** Passes the host gate, then exchanges the request; robots.txt is not asked here. */
  private FetchOutcome gated(FetchRequest request, URI url) {
    String host = HostGate.host(url);
    Duration held = gate.heldFor(host);
    if (held != null) {
      // A Retry-After that binds the whole host (see FeedIngester): no request until it passes.
      return new FetchOutcome.RateLimited(url, 0, held);
    }
    HostGate.Permit permit;
    try {
      permit = gate.enter(host, settings.deadline());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new FetchOutcome.Failed(url, 0, "interrupted while waiting for " + host);
    }
    if (permit == null) {
      return new FetchOutcome.Failed(
          url, 0, "no free connection to " + host + " within the fetch.deadline");
    }
    try (permit) {
      return exchange(request, url);
    }
  }

  /** Returns the gate this fetcher's requests pass. */
  public HostGate gate() {
    return gate;
  }

  /**
   * POSTs {@code form} as {@code application/x-www-form-urlencoded} to {@code url} with this
   * fetcher's client: the same address guard, timeouts, user agent and {@code fetch.deadline}, no
   * redirects followed for the POST itself beyond the client's rules. Used to ask WebSub hubs for
   * subscriptions (W3C WebSub §5.1).
   *
   * @return the response status
   * @throws IOException when no response arrived (refused address, timeout, reset)
   */
  public int postForm(URI url, Map<String, String> form) throws IOException {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
      throw new IOException("not an http(s) URL: " + url);
    }
    HttpPost post = new HttpPost(url);
    List<NameValuePair> pairs = new ArrayList<>();
    form.forEach((k, v) -> pairs.add(new BasicNameValuePair(k, v)));
    post.setEntity(new UrlEncodedFormEntity(pairs, StandardCharsets.UTF_8));
    ScheduledFuture<?> timer =
        deadlines.schedule(post::cancel, settings.deadline().toMillis(), TimeUnit.MILLISECONDS);
    try (ClassicHttpResponse response =
        client.executeOpen(RoutingSupport.determineHost(post), post, newContext())) {
      return response.getCode();
    } catch (HttpException e) {
      throw new IOException(e);
    } finally {
      timer.cancel(false);
    }
  }

  private FetchOutcome exchange(FetchRequest request, URI url) {
    HttpGet get = new HttpGet(url);
    get.setHeader(HttpHeaders.ACCEPT, request.accept() == null ? DEFAULT_ACCEPT : request.accept());
    if (request.etag() != null) {
      get.setHeader(HttpHeaders.IF_NONE_MATCH, request.etag());
    }
    if (request.lastModified() != null) {
      get.setHeader(HttpHeaders.IF_MODIFIED_SINCE, request.lastModified());
    }
    HttpClientContext context = newContext();
    if (request.credentials() != null) {
      authenticate(context, url, request.credentials());
    }
    List<Integer> statuses = new ArrayList<>();
    context.setAttribute(STATUSES, statuses);
    AtomicBoolean expired = new AtomicBoolean();
    ScheduledFuture<?> timer =
        deadlines.schedule(
            () -> {
              expired.set(true);
              // Aborts the exchange: closes the connection, so a blocked read returns at once.
              get.cancel();
            },
            settings.deadline().toMillis(),
            TimeUnit.MILLISECONDS);
    try (ClassicHttpResponse response =
        client.executeOpen(RoutingSupport.determineHost(get), get, context)) {
      URI last = finalUrl(url, context);
      return toOutcome(get, response, last, movedTo(url, last, statuses), request.credentials());
    } catch (IOException | HttpException e) {
      if (expired.get()) {
        return new FetchOutcome.Failed(url, 0, FailureReason.deadline(settings));
      }
      IOException io = e instanceof IOException ioe ? ioe : new IOException(e);
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof RedirectException r) {
          return new FetchOutcome.Failed(url, 0, redirectFailure(r, io, url, context));
        }
      }
      return new FetchOutcome.Failed(url, 0, FailureReason.of(io, url.getHost(), settings));
    } finally {
      timer.cancel(false);
    }
  }

  /**
   * Returns {@code last} if the fetch reached it only through permanent redirects (RFC 9110
   * sections 15.4.2 and 15.4.9), else {@code null}.
   */
  private static URI movedTo(URI requested, URI last, List<Integer> statuses) {
    if (statuses.size() < 2 || last.equals(requested)) {
      return null;
    }
    for (int status : statuses.subList(0, statuses.size() - 1)) {
      if (status != 301 && status != 308) {
        return null;
      }
    }
    return last;
  }

  /** Describes a loop or a chain beyond the cap by the URLs it went through. */
  private String redirectFailure(
      RedirectException e, IOException io, URI requested, HttpClientContext context) {
    List<URI> chain = new ArrayList<>();
    chain.add(requested);
    RedirectLocations locations = context.getRedirectLocations();
    if (locations != null) {
      chain.addAll(locations.getAll());
    }
    Set<URI> seen = new HashSet<>();
    for (int i = 0; i < chain.size(); i++) {
      if (!seen.add(chain.get(i))) {
        return "redirect loop: " + arrows(chain.subList(0, i + 1));
      }
    }
    if (e instanceof CircularRedirectException) {
      return "redirect loop: " + arrows(chain) + " -> ...";
    }
    if (chain.size() > settings.maxRedirects()) {
      return "more than "
          + settings.maxRedirects()
          + " redirects (fetch.max-redirects): "
          + arrows(chain)
          + " -> ...";
    }
    return FailureReason.of(io, requested.getHost(), settings);
  }

  private static String arrows(List<URI> chain) {
    return chain.stream().map(URI::toString).collect(Collectors.joining(" -> "));
  }

  /**
   * Returns a context with a cookie store of its own: a cookie set during one exchange (a consent
   * bounce) is sent on along its redirects, and forgotten with it.
   */
  private static HttpClientContext newContext() {
    HttpClientContext context = HttpClientContext.create();
    context.setCookieStore(new BasicCookieStore());
    return context;
  }

  /**
   * Sends {@code credentials} as Basic authentication with the first request to {@code url}'s host
   * and port, and answers a challenge from that host name (any port or scheme: an upgrade to https)
   * with them; a redirect to another host gets neither.
   */
  private static void authenticate(HttpClientContext context, URI url, Credentials credentials) {
    HttpHost target =
        RoutingSupport.normalize(HttpHost.create(url), DefaultSchemePortResolver.INSTANCE);
    UsernamePasswordCredentials basic =
        new UsernamePasswordCredentials(credentials.user(), credentials.password().toCharArray());
    BasicScheme preemptive = new BasicScheme();
    preemptive.initPreemptive(basic);
    context.resetAuthExchange(target, preemptive);
    context.setCredentialsProvider(
        CredentialsProviderBuilder.create()
            .add(new AuthScope(null, target.getHostName(), -1, null, null), basic)
            .build());
  }

  private FetchOutcome toOutcome(
      HttpGet get, ClassicHttpResponse response, URI url, URI movedTo, Credentials credentials)
      throws IOException {
    int status = response.getCode();
    Duration maxAge =
        CachingHeaders.freshness(
            header(response, HttpHeaders.CACHE_CONTROL),
            header(response, HttpHeaders.EXPIRES),
            header(response, HttpHeaders.DATE),
            clock.instant());
    if (status == 304) {
      return new FetchOutcome.NotModified(
          url,
          maxAge,
          header(response, HttpHeaders.ETAG),
          header(response, HttpHeaders.LAST_MODIFIED),
          movedTo);
    }
    String retryAfterHeader = header(response, HttpHeaders.RETRY_AFTER);
    if (status == 429 || (status == 503 && retryAfterHeader != null)) {
      return new FetchOutcome.RateLimited(
          url, status, CachingHeaders.retryAfter(retryAfterHeader, clock.instant()));
    }
    if (status == 410) {
      return new FetchOutcome.Gone(url, status);
    }
    if (status == 401) {
      return new FetchOutcome.Failed(
          url,
          status,
          credentials == null
              ? "HTTP 401: the feed needs a user name and password; give them in its URL"
                  + " (https://USER:PASSWORD@host/...)"
              : "HTTP 401: the user name or password was refused (user '"
                  + credentials.user()
                  + "')");
    }
    if (status < 200 || status > 299) {
      return new FetchOutcome.Failed(url, status, "HTTP " + status);
    }
    HttpEntity entity = response.getEntity();
    byte[] body = new byte[0];
    boolean truncated = false;
    boolean cutShort = false;
    if (entity != null) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (InputStream in = entity.getContent()) {
        truncated = copyCapped(in, out, settings.maxBodyBytes());
        if (truncated) {
          // Drop the connection instead of draining a body of unknown size.
          get.cancel();
          LOG.warn(
              "{}: body exceeds {}, kept the first {}",
              url,
              FailureReason.bytes(settings.maxBodyBytes()),
              FailureReason.bytes(settings.maxBodyBytes()));
        }
      } catch (IOException e) {
        // What arrived is kept, as browsers and feedparser keep it; nothing arrived is a failure.
        if (out.size() == 0 || !closedEarly(e)) {
          throw e;
        }
        cutShort = true;
        get.cancel();
        try {
          response.close();
        } catch (IOException again) {
          // Closing tries to drain the rest, which is not coming: the body is complete as cut.
          LOG.debug("{}: closing a response cut short: {}", url, again.toString());
        }
      }
      body = out.toByteArray();
    }
    return new FetchOutcome.Fetched(
        url,
        status,
        header(response, HttpHeaders.CONTENT_TYPE),
        contentLocation(url, header(response, HttpHeaders.CONTENT_LOCATION)),
        body,
        truncated,
        cutShort ? null : header(response, HttpHeaders.ETAG),
        cutShort ? null : header(response, HttpHeaders.LAST_MODIFIED),
        cutShort ? null : maxAge,
        movedTo,
        cutShort);
  }

  private static boolean closedEarly(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectionClosedException) {
        return true;
      }
    }
    return false;
  }

  /** Copies at most {@code cap} bytes; returns whether more remained. */
  private static boolean copyCapped(InputStream in, ByteArrayOutputStream out, long cap)
      throws IOException {
    byte[] buffer = new byte[8192];
    long left = cap;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        return false;
      }
      out.write(buffer, 0, n);
      left -= n;
    }
    return in.read() >= 0;
  }

  private static URI finalUrl(URI requested, HttpClientContext context) {
    RedirectLocations redirects = context.getRedirectLocations();
    List<URI> all = redirects == null ? List.of() : redirects.getAll();
    return all.isEmpty() ? requested : all.get(all.size() - 1);
  }

  private static URI contentLocation(URI base, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return base.resolve(value.trim());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String header(ClassicHttpResponse response, String name) {
    Header h = response.getFirstHeader(name);
    return h == null ? null : h.getValue();
  }

  /** Closes the connection pool; in-flight fetches fail. */
  @Override
  public void close() throws IOException {
    deadlines.shutdownNow();
    client.close();
  }
}
