package org.feedfold.config;

import com.rometools.opml.feed.opml.Attribute;
import com.rometools.opml.feed.opml.Opml;
import com.rometools.opml.feed.opml.Outline;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedInput;
import com.rometools.rome.io.WireFeedOutput;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.feedfold.model.Subscription;

/**
 * Reads and rewrites the OPML subscription list (OPML 1.0 and 2.0).
 *
 * <p>Rewrites keep the user's outline tree (categories, attributes) and touch only the feeds added
 * or removed; they go to a temporary file that replaces the original atomically, so a reader (the
 * daemon) never sees half a file. Not thread-safe for concurrent writers of the same file; the CLI
 * is the only writer.
 */
public final class Subscriptions {
  /** The largest subscription file read, in characters (about 100,000 feeds). */
  static final int MAX_CHARS = 32 << 20;

  /**
   * The outline attribute that sets a feed's own poll interval, such as {@code
   * feedfoldInterval="2h"}: it replaces the adaptive interval (still within {@code
   * fetch.min-interval} and {@code fetch.max-interval}).
   */
  public static final String INTERVAL_ATTRIBUTE = "feedfoldInterval";

  private Subscriptions() {}

  /** Parses a {@code feedfoldInterval} value; throws saying what is wrong. */
  static Duration interval(String value) {
    return Values.duration(value.strip());
  }

  /** Returns every outline with an {@code xmlUrl}, depth first, without duplicates. */
  public static List<Subscription> read(Path opmlFile) throws ConfigException {
    return List.copyOf(collect(load(opmlFile), opmlFile).values());
  }

  /** Parses an OPML document from {@code reader}; {@code name} is used in messages. */
  public static List<Subscription> read(Reader reader, Path name) throws ConfigException {
    return List.copyOf(collect(parse(reader, name), name).values());
  }

  /**
   * Adds the subscriptions not yet listed (by URL) at the end of the top level.
   *
   * @return the subscriptions actually added
   */
  public static List<Subscription> add(Path opmlFile, List<Subscription> wanted)
      throws ConfigException {
    Opml opml = Files.exists(opmlFile) ? load(opmlFile) : empty();
    Map<URI, Subscription> have = collect(opml, opmlFile);
    List<Subscription> added = new ArrayList<>();
    for (Subscription s : wanted) {
      if (!have.containsKey(key(s.url()))
          && added.stream().noneMatch(a -> a.url().equals(s.url()))) {
        Outline o = new Outline();
        o.setType("rss");
        o.setText(s.title() != null ? s.title() : s.url().toString());
        o.setTitle(s.title());
        o.getAttributes().add(new Attribute("xmlUrl", s.url().toString()));
        if (s.htmlUrl() != null) {
          o.getAttributes().add(new Attribute("htmlUrl", s.htmlUrl()));
        }
        opml.getOutlines().add(o);
        added.add(s);
      }
    }
    if (!added.isEmpty()) {
      save(opml, opmlFile);
    }
    return added;
  }

  /** Removes every outline whose {@code xmlUrl} is {@code url}; returns whether any was. */
  public static boolean remove(Path opmlFile, URI url) throws ConfigException {
    Opml opml = load(opmlFile);
    boolean removed = removeFrom(opml.getOutlines(), key(url));
    if (removed) {
      save(opml, opmlFile);
    }
    return removed;
  }

  /** Writes the subscription file as OPML 2.0 to {@code out}. */
  public static void export(Path opmlFile, Writer out) throws ConfigException, IOException {
    Opml opml = load(opmlFile);
    opml.setFeedType("opml_2.0");
    try {
      new WireFeedOutput().output(opml, out, true);
    } catch (FeedException e) {
      throw new ConfigException(opmlFile, 0, "cannot write OPML: " + e.getMessage());
    }
  }

  /**
   * Parses {@code text} as an absolute http(s) feed URL.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static URI feedUrl(String text) {
    try {
      URI u = new URI(text.strip());
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
        return u;
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: '" + text + "' (" + e.getReason() + ")", e);
    }
    throw new IllegalArgumentException("not an absolute http(s) URL: '" + text + "'");
  }

  private static boolean removeFrom(List<Outline> outlines, URI url) {
    boolean removed = false;
    for (Iterator<Outline> it = outlines.iterator(); it.hasNext(); ) {
      Outline o = it.next();
      if (o.getXmlUrl() != null && url.equals(parseKey(o.getXmlUrl()))) {
        it.remove();
        removed = true;
      } else {
        removed |= removeFrom(o.getChildren(), url);
      }
    }
    return removed;
  }

  private static Map<URI, Subscription> collect(Opml opml, Path file) throws ConfigException {
    Map<URI, Subscription> out = new LinkedHashMap<>();
    collect(opml.getOutlines(), file, out);
    return out;
  }

  private static void collect(List<Outline> outlines, Path file, Map<URI, Subscription> out)
      throws ConfigException {
    for (Outline o : outlines) {
      if (o.getXmlUrl() != null && !o.getXmlUrl().isBlank()) {
        URI url;
        try {
          url = feedUrl(o.getXmlUrl());
        } catch (IllegalArgumentException e) {
          throw new ConfigException(file, 0, "outline '" + o.getText() + "': " + e.getMessage());
        }
        String title = o.getTitle() != null ? o.getTitle() : o.getText();
        String every = o.getAttributeValue(INTERVAL_ATTRIBUTE);
        Duration interval = null;
        if (every != null) {
          try {
            interval = interval(every);
          } catch (IllegalArgumentException | ArithmeticException e) {
            // OpmlCheck reports this with its line first; this is for callers that skip it.
            throw new ConfigException(
                file,
                0,
                "outline '" + o.getText() + "': " + INTERVAL_ATTRIBUTE + " " + e.getMessage());
          }
        }
        out.putIfAbsent(key(url), new Subscription(url, title, o.getHtmlUrl(), interval));
      }
      collect(o.getChildren(), file, out);
    }
  }

  private static URI key(URI url) {
    return url.normalize();
  }

  private static URI parseKey(String url) {
    try {
      return key(new URI(url.strip()));
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static Opml empty() {
    Opml opml = new Opml();
    opml.setFeedType("opml_2.0");
    opml.setTitle("Feedfold subscriptions");
    opml.setOutlines(new ArrayList<>());
    return opml;
  }

  private static Opml load(Path file) throws ConfigException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(r, file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file, 0, "no such file");
    } catch (CharacterCodingException e) {
      throw new ConfigException(file, 0, "not UTF-8 text");
    } catch (IOException e) {
      throw new ConfigException(file, 0, Values.ioProblem(file, e));
    }
  }

  /**
   * Parses an OPML document. {@link OpmlCheck} reads it first, so that problems are reported in our
   * words with their line; Rome then builds the tree that rewrites keep.
   */
  private static Opml parse(Reader reader, Path name) throws ConfigException {
    String text;
    try {
      text = readCapped(reader, name);
    } catch (CharacterCodingException e) {
      throw new ConfigException(name, 0, "not UTF-8 text");
    } catch (IOException e) {
      throw new ConfigException(name, 0, Values.ioProblem(name, e));
    }
    OpmlCheck.check(text, name);
    try {
      WireFeedInput input = new WireFeedInput();
      if (input.build(new StringReader(text)) instanceof Opml opml) {
        return opml;
      }
      throw new ConfigException(name, 0, "not an OPML document");
    } catch (FeedException | IllegalArgumentException e) {
      throw new ConfigException(name, 0, "not valid OPML");
    }
  }

  private static String readCapped(Reader reader, Path name) throws IOException, ConfigException {
    StringBuilder b = new StringBuilder();
    char[] buf = new char[8192];
    for (int n = reader.read(buf); n != -1; n = reader.read(buf)) {
      b.append(buf, 0, n);
      if (b.length() > MAX_CHARS) {
        throw new ConfigException(name, 0, "larger than " + (MAX_CHARS >> 20) + "M characters");
      }
    }
    return b.toString();
  }

  /**
   * Gives {@code tmp} (created owner-only) the permissions of the file it replaces, or {@code
   * rw-r--r--} for a new one, so that a daemon running as another user (the systemd unit's dynamic
   * user) can still read a list that root edited.
   */
  private static void keepPermissions(Path file, Path tmp) throws IOException {
    if (!Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
      return;
    }
    Files.setPosixFilePermissions(
        tmp,
        Files.exists(file)
            ? Files.getPosixFilePermissions(file)
            : PosixFilePermissions.fromString("rw-r--r--"));
  }

  private static void save(Opml opml, Path file) throws ConfigException {
    Path dir = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".feeds", ".opml.tmp");
      try {
        keepPermissions(file, tmp);
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
          if (opml.getFeedType() == null) {
            opml.setFeedType("opml_2.0");
          }
          new WireFeedOutput().output(opml, w, true);
        }
        try {
          Files.move(
              tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException | FeedException e) {
      throw new ConfigException(file, 0, "cannot write: " + e.getMessage());
    }
  }
}
