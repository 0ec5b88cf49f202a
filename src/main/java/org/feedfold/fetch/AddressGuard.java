package org.feedfold.fetch;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.hc.client5.http.DnsResolver;

/**
 * Resolves host names and drops the addresses a fetch must not reach, so that a feed or article
 * link from a stranger cannot make Feedfold read the machine's own network (server-side request
 * forgery). The check is on the addresses the connection is actually made to, after resolution, for
 * every request and every redirect hop; a name that re-resolves to another address later (DNS
 * rebinding) is checked again.
 *
 * <p>Always refused: link-local (169.254.0.0/16, fe80::/10, where cloud metadata services live),
 * known metadata addresses (100.100.100.200, fd00:ec2::254), multicast and broadcast. With {@code
 * fetch.allow-private=false} also loopback, unspecified (0.0.0.0/8, ::), private (10/8, 172.16/12,
 * 192.168/16, 100.64/10 shared, fc00::/7 unique-local, fec0::/10). IPv4 addresses inside IPv6
 * (IPv4-mapped, IPv4-compatible, NAT64 64:ff9b::/96) are judged by the IPv4 address. Thread-safe.
 */
final class AddressGuard implements DnsResolver {
  /**
   * Says why a host was refused; an {@link UnknownHostException}, as the resolver contract asks.
   */
  static final class Refused extends UnknownHostException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  private final DnsResolver delegate;
  private final boolean allowPrivate;

  AddressGuard(DnsResolver delegate, boolean allowPrivate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.allowPrivate = allowPrivate;
  }

  /**
   * Returns the addresses of {@code host} that may be reached.
   *
   * @throws Refused if it has addresses, but none that may be reached
   */
  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    InetAddress[] all = delegate.resolve(host);
    List<InetAddress> kept = new ArrayList<>(all.length);
    String refused = null;
    for (InetAddress a : all) {
      String why = refusal(a, allowPrivate);
      if (why == null) {
        kept.add(a);
      } else if (refused == null) {
        refused = message(host, a, why);
      }
    }
    if (kept.isEmpty() && refused != null) {
      throw new Refused(refused);
    }
    return kept.toArray(new InetAddress[0]);
  }

  @Override
  public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
    return Arrays.stream(resolve(host)).map(a -> new InetSocketAddress(a, port)).toList();
  }

  @Override
  public String resolveCanonicalHostname(String host) throws UnknownHostException {
    return delegate.resolveCanonicalHostname(host);
  }

  private String message(String host, InetAddress a, String why) {
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    boolean literal = bare.indexOf(':') >= 0 || bare.matches("[0-9.]+");
    String what =
        literal
            ? a.getHostAddress() + " is " + why
            : host + " is " + a.getHostAddress() + ", " + why;
    return "refused: "
        + what
        + (refusal(a, true) != null
            ? " (never fetched, whatever fetch.allow-private says)"
            : " (fetch.allow-private=false)");
  }

  /**
   * Returns why {@code a} must not be reached, as a noun phrase ("link-local"), or {@code null} if
   * it may be.
   */
  static String refusal(InetAddress a, boolean allowPrivate) {
    byte[] b = a.getAddress();
    if (a instanceof Inet6Address) {
      byte[] v4 = embeddedIpv4(b);
      if (v4 != null) {
        return ipv4(v4, allowPrivate);
      }
      return ipv6(b, allowPrivate);
    }
    return ipv4(b, allowPrivate);
  }

  private static String ipv4(byte[] b, boolean allowPrivate) {
    int b0 = b[0] & 0xff;
    int b1 = b[1] & 0xff;
    if (b0 == 169 && b1 == 254) {
      return "link-local";
    }
    if (b0 == 100 && b1 == 100 && (b[2] & 0xff) == 100 && (b[3] & 0xff) == 200) {
      return "a cloud metadata address";
    }
    if (b0 >= 224 && b0 <= 239) {
      return "multicast";
    }
    if (b0 == 255 && b1 == 255 && (b[2] & 0xff) == 255 && (b[3] & 0xff) == 255) {
      return "broadcast";
    }
    if (allowPrivate) {
      return null;
    }
    if (b0 == 127) {
      return "loopback";
    }
    if (b0 == 0) {
      return "unspecified";
    }
    if (b0 == 10
        || (b0 == 172 && (b1 & 0xf0) == 16)
        || (b0 == 192 && b1 == 168)
        || (b0 == 100 && (b1 & 0xc0) == 64)) {
      return "private";
    }
    return null;
  }

  private static String ipv6(byte[] b, boolean allowPrivate) {
    int b0 = b[0] & 0xff;
    int b1 = b[1] & 0xff;
    if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
      return "link-local";
    }
    if (Arrays.equals(b, FD00_EC2_254)) {
      return "a cloud metadata address";
    }
    if (b0 == 0xff) {
      return "multicast";
    }
    if (allowPrivate) {
      return null;
    }
    if (zeros(b, 0, 15) && b[15] == 1) {
      return "loopback";
    }
    if (zeros(b, 0, 16)) {
      return "unspecified";
    }
    if ((b0 & 0xfe) == 0xfc || (b0 == 0xfe && (b1 & 0xc0) == 0xc0)) {
      return "private";
    }
    return null;
  }

  private static final byte[] FD00_EC2_254 = {
    (byte) 0xfd, 0, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54
  };

  /** Returns the IPv4 address inside an IPv4-mapped, -compatible or NAT64 address, else null. */
  private static byte[] embeddedIpv4(byte[] b) {
    boolean mapped = zeros(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    boolean compatible = zeros(b, 0, 12) && !zeros(b, 12, 15);
    boolean nat64 =
        (b[0] & 0xff) == 0
            && (b[1] & 0xff) == 0x64
            && (b[2] & 0xff) == 0xff
            && (b[3] & 0xff) == 0x9b
            && zeros(b, 4, 12);
    return mapped || compatible || nat64 ? Arrays.copyOfRange(b, 12, 16) : null;
  }

  private static boolean zeros(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
