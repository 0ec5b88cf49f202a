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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.feedfold.model.Credentials;
import org.feedfold.model.Subscription;
import org.feedfold.model.WebAddress;

/**
 * Reads and rewrites the OPML subscription list (OPML 1.0 and 2.0).
 *
 * <p>Rewrites edit the file's text ({@link OpmlText}): they touch only the outlines added, removed
 * or moved, and keep every other byte (line endings, comments, indentation); they go to a temporary
 * file that replaces the original atomically, so a reader (the daemon) never sees half a file. Not
 * thread-safe for concurrent writers of the same file; the CLI is the only writer.
 */
public final class Subscriptions {
  /** The largest subscription file read, in characters (about 100,000 feeds). */
  static final int MAX_CHARS = 32 << 20;

  /** The file {@link #add} starts from when there is none. */
  private static final String EMPTY =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <opml version="2.0">
        <head>
          <title>Feedfold subscriptions</title>
        </head>
        <body>
        </body>
      </opml>
      """;

  /**
   * The outline attribute that sets a feed's own poll interval, such as {@code
   * feedfoldInterval="2h"}: it replaces the adaptive interval (still within {@code
   * fetch.min-interval} and {@code fetch.max-interval}).
   */
  public static final String INTERVAL_ATTRIBUTE = "feedfoldInterval";

  /**
   * Is the OPML 2.0 outline attribute of a feed's categories (comma-separated, kept as written).
   */
  static final String CATEGORY_ATTRIBUTE = "category";

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
   * Adds the subscriptions not yet listed (by URL) at the end of the top level, one line each; the
   * rest of the file stays byte for byte as it was.
   *
   * @return the subscriptions actually added
   */
  public static List<Subscription> add(Path opmlFile, List<Subscription> wanted)
      throws ConfigException {
    String text = Files.exists(opmlFile) ? loadText(opmlFile) : EMPTY;
    Map<URI, Subscription> have = collect(parse(text, opmlFile), opmlFile);
    List<Subscription> added = new ArrayList<>();
    List<OpmlText.NewOutline> outlines = new ArrayList<>();
    for (Subscription s : wanted) {
      if (!have.containsKey(key(s.url()))
          && added.stream().noneMatch(a -> a.url().equals(s.url()))) {
        List<String[]> attributes = new ArrayList<>();
        attributes.add(attribute("text", s.title() != null ? s.title() : s.url().toString()));
        attributes.add(attribute("type", "rss"));
        attributes.add(attribute("xmlUrl", s.listedUrl().toString()));
        if (s.htmlUrl() != null) {
          attributes.add(attribute("htmlUrl", s.htmlUrl()));
        }
        outlines.add(new OpmlText.NewOutline(attributes, List.of()));
        added.add(s);
      }
    }
    if (!added.isEmpty()) {
      save(new OpmlText(text).append(body(new OpmlText(text), opmlFile), outlines), opmlFile);
    }
    return added;
  }

  /**
   * Says what {@link #importFrom} did with each feed outline of the imported file.
   *
   * @param listed the feed outlines in the imported file
   * @param added the subscriptions added, in the imported file's order
   * @param subscribed URLs skipped because the subscription file lists them already
   * @param repeated URLs skipped because the imported file lists them more than once
   */
  public record Imported(
      int listed, List<Subscription> added, List<URI> subscribed, List<URI> repeated) {
    public Imported {
      added = List.copyOf(added);
      subscribed = List.copyOf(subscribed);
      repeated = List.copyOf(repeated);
    }
  }

  /**
   * Adds every feed of the OPML file {@code source} not yet listed, keeping its categories: a feed
   * inside folder outlines goes into the folder of the same name (created as in {@code source} if
   * missing), and its own attributes ({@code category}, {@code htmlUrl} and the rest) are copied as
   * written. The rest of the subscription file stays byte for byte as it was.
   *
   * <p>All or nothing: {@code source} is checked entirely (a bad URL is reported with its line)
   * before the subscription file is touched.
   */
  public static Imported importFrom(Path opmlFile, Path source) throws ConfigException {
    String sourceText = loadText(source);
    parse(sourceText, source);
    String text = Files.exists(opmlFile) ? loadText(opmlFile) : EMPTY;
    Map<URI, Subscription> have = collect(parse(text, opmlFile), opmlFile);
    Map<List<String>, List<OpmlText.Element>> folders = new LinkedHashMap<>();
    Map<List<String>, List<OpmlText.NewOutline>> groups = new LinkedHashMap<>();
    Map<URI, Subscription> added = new LinkedHashMap<>();
    List<URI> subscribed = new ArrayList<>();
    List<URI> repeated = new ArrayList<>();
    int listed = 0;
    for (OpmlText.Element e : new OpmlText(sourceText).elements()) {
      if (!e.isFeed()) {
        continue;
      }
      listed++;
      URI url = feedUrl(e.value("xmlUrl"));
      if (have.containsKey(key(url))) {
        subscribed.add(Credentials.strip(url));
      } else if (added.containsKey(key(url))) {
        repeated.add(Credentials.strip(url));
      } else {
        String title = e.value("title") != null ? e.value("title") : e.value("text");
        added.put(key(url), new Subscription(url, title, e.value("htmlUrl")));
        List<OpmlText.Element> path = new ArrayList<>();
        for (OpmlText.Element p = e.parent; p != null && p.name.equals("outline"); p = p.parent) {
          path.add(0, p);
        }
        List<String> names = path.stream().map(Subscriptions::folderName).toList();
        folders.putIfAbsent(names, path);
        groups
            .computeIfAbsent(names, k -> new ArrayList<>())
            .add(new OpmlText.NewOutline(e.attributes, List.of()));
      }
    }
    for (Map.Entry<List<String>, List<OpmlText.NewOutline>> g : groups.entrySet()) {
      OpmlText t = new OpmlText(text);
      OpmlText.Element anchor = body(t, opmlFile);
      List<OpmlText.Element> path = folders.get(g.getKey());
      int depth = 0;
      for (; depth < path.size(); depth++) {
        OpmlText.Element folder = childFolder(anchor, g.getKey().get(depth));
        if (folder == null) {
          break;
        }
        anchor = folder;
      }
      List<OpmlText.NewOutline> outlines = g.getValue();
      for (int i = path.size() - 1; i >= depth; i--) {
        outlines = List.of(new OpmlText.NewOutline(path.get(i).attributes, outlines));
      }
      text = t.append(anchor, outlines);
    }
    if (!added.isEmpty()) {
      save(text, opmlFile);
    }
    return new Imported(listed, List.copyOf(added.values()), subscribed, repeated);
  }

  /** Removes every outline whose {@code xmlUrl} is {@code url}; returns whether any was. */
  public static boolean remove(Path opmlFile, URI url) throws ConfigException {
    String text = loadText(opmlFile);
    parse(text, opmlFile);
    OpmlText t = new OpmlText(text);
    List<OpmlText.Element> matches = feeds(t, key(url));
    if (!matches.isEmpty()) {
      save(t.remove(matches), opmlFile);
    }
    return !matches.isEmpty();
  }

  /**
   * Moves the subscription {@code from} to the URL {@code to} (a permanent redirect) by rewriting
   * the {@code xmlUrl} of its outlines, or by removing them if {@code to} is listed already. The
   * rest of the file stays byte for byte as it was.
   *
   * @return whether {@code from} was listed
   */
  public static boolean move(Path opmlFile, URI from, URI to) throws ConfigException {
    String text = loadText(opmlFile);
    Map<URI, Subscription> have = collect(parse(text, opmlFile), opmlFile);
    OpmlText t = new OpmlText(text);
    List<OpmlText.Element> matches = feeds(t, key(from));
    if (matches.isEmpty()) {
      return false;
    }
    if (have.containsKey(key(to))) {
      save(t.remove(matches), opmlFile);
      return true;
    }
    for (; !matches.isEmpty(); matches = feeds(t, key(from))) {
      // The user name and password written in the listed URL move with it, to its own host only.
      Credentials c = credentials(matches.get(0).value("xmlUrl"));
      URI written = c != null && Credentials.sameHost(from, to) ? c.writtenIn(to) : to;
      t =
          new OpmlText(
              t.replaceAttribute(matches.get(0), "xmlUrl", OpmlText.escape(written.toString())));
    }
    save(t.text, opmlFile);
    return true;
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
   * Writes {@code subs} as OPML 2.0 to {@code out} (a list kept elsewhere than in a file: the
   * cluster's, issue 13): each feed inside the folder outlines its {@link Subscription#folders()}
   * name, one folder outline per path, in the order its first feed comes; with its {@code category}
   * attribute as it was read.
   */
  public static void export(List<Subscription> subs, Writer out) throws IOException {
    Opml opml = new Opml();
    opml.setFeedType("opml_2.0");
    opml.setTitle("Feedfold subscriptions");
    List<Outline> top = new ArrayList<>();
    Map<List<String>, List<Outline>> folders = new LinkedHashMap<>();
    folders.put(List.of(), top);
    for (Subscription s : subs) {
      List<Outline> outlines = folder(folders, s.folders());
      Outline o = new Outline();
      o.setText(s.title() != null ? s.title() : s.url().toString());
      if (s.title() != null) {
        o.setTitle(s.title());
      }
      o.setType("rss");
      o.getAttributes().add(new Attribute("xmlUrl", s.listedUrl().toString()));
      if (s.htmlUrl() != null) {
        o.getAttributes().add(new Attribute("htmlUrl", s.htmlUrl()));
      }
      if (s.interval() != null) {
        o.getAttributes().add(new Attribute(INTERVAL_ATTRIBUTE, s.interval().toSeconds() + "s"));
      }
      if (s.category() != null) {
        o.getAttributes().add(new Attribute(CATEGORY_ATTRIBUTE, s.category()));
      }
      outlines.add(o);
    }
    opml.setOutlines(top);
    try {
      new WireFeedOutput().output(opml, out, true);
    } catch (FeedException e) {
      throw new IOException("cannot write OPML: " + e.getMessage(), e);
    }
  }

  /** Returns the children of the folder outline at {@code path}, creating the missing folders. */
  private static List<Outline> folder(Map<List<String>, List<Outline>> folders, List<String> path) {
    List<Outline> children = folders.get(path);
    if (children == null) {
      List<Outline> parent = folder(folders, path.subList(0, path.size() - 1));
      Outline f = new Outline();
      f.setText(path.get(path.size() - 1));
      parent.add(f);
      children = f.getChildren();
      folders.put(List.copyOf(path), children);
    }
    return children;
  }

  /**
   * Parses {@code text} as an absolute http(s) feed URL; an IRI ({@code https://bücher.example/}, a
   * path with spaces or accented letters) is mapped to the URI a browser would ask for.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static URI feedUrl(String text) {
    URI u = WebAddress.parse(text);
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
      return u;
    }
    throw new IllegalArgumentException("not an absolute http(s) URL: '" + text + "'");
  }

  private static List<OpmlText.Element> feeds(OpmlText t, URI key) {
    List<OpmlText.Element> out = new ArrayList<>();
    for (OpmlText.Element e : t.elements()) {
      if (e.isFeed() && key.equals(parseKey(e.value("xmlUrl")))) {
        out.add(e);
      }
    }
    return out;
  }

  private static OpmlText.Element body(OpmlText t, Path file) throws ConfigException {
    OpmlText.Element body = t.body();
    if (body == null) {
      throw new ConfigException(file, 0, "no <body> element to add outlines to");
    }
    return body;
  }

  private static OpmlText.Element childFolder(OpmlText.Element parent, String name) {
    for (OpmlText.Element c : parent.children) {
      if (c.name.equals("outline") && !c.isFeed() && name.equals(folderName(c))) {
        return c;
      }
    }
    return null;
  }

  private static String folderName(OpmlText.Element e) {
    String text = e.value("text");
    return text != null ? text : Objects.toString(e.value("title"), "");
  }

  private static String[] attribute(String name, String value) {
    return new String[] {name, "\"", OpmlText.escape(value)};
  }

  private static Map<URI, Subscription> collect(Opml opml, Path file) throws ConfigException {
    Map<URI, Subscription> out = new LinkedHashMap<>();
    collect(opml.getOutlines(), List.of(), file, out);
    return out;
  }

  private static void collect(
      List<Outline> outlines, List<String> folders, Path file, Map<URI, Subscription> out)
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
        out.putIfAbsent(
            key(url), new Subscription(url, title, o.getHtmlUrl(), interval, folders, category(o)));
        collect(o.getChildren(), folders, file, out);
      } else {
        List<String> inner = new ArrayList<>(folders);
        inner.add(o.getText() != null ? o.getText() : Objects.toString(o.getTitle(), ""));
        collect(o.getChildren(), inner, file, out);
      }
    }
  }

  /**
   * Returns the outline's {@code category} attribute as written: Rome's OPML 2.0 parser moves it
   * into the outline's categories, split at commas, and its 1.0 parser leaves it an attribute.
   */
  private static String category(Outline o) {
    String written = o.getAttributeValue(CATEGORY_ATTRIBUTE);
    if (written != null) {
      return written;
    }
    return o.getCategories().isEmpty() ? null : String.join(",", o.getCategories());
  }

  private static URI key(URI url) {
    return Credentials.strip(url).normalize();
  }

  private static Credentials credentials(String url) {
    try {
      return Credentials.of(WebAddress.parse(url));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static URI parseKey(String url) {
    try {
      return key(WebAddress.parse(url));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Opml load(Path file) throws ConfigException {
    return parse(loadText(file), file);
  }

  private static String loadText(Path file) throws ConfigException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return readCapped(r, file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file, 0, "no such file");
    } catch (CharacterCodingException e) {
      throw new ConfigException(file, 0, "not UTF-8 text");
    } catch (IOException e) {
      throw new ConfigException(file, 0, Values.ioProblem(file, e));
    }
  }

  private static Opml parse(Reader reader, Path name) throws ConfigException {
    try {
      return parse(readCapped(reader, name), name);
    } catch (CharacterCodingException e) {
      throw new ConfigException(name, 0, "not UTF-8 text");
    } catch (IOException e) {
      throw new ConfigException(name, 0, Values.ioProblem(name, e));
    }
  }

  /**
   * Parses an OPML document. {@link OpmlCheck} reads it first, so that problems are reported in our
   * words with their line; Rome then builds the tree that {@link #read} and {@link #export} use.
   */
  private static Opml parse(String text, Path name) throws ConfigException {
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

  private static void save(String text, Path file) throws ConfigException {
    Path dir = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".feeds", ".opml.tmp");
      try {
        keepPermissions(file, tmp);
        Files.write(tmp, text.getBytes(StandardCharsets.UTF_8));
        try {
          Files.move(
              tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new ConfigException(file, 0, "cannot write: " + e.getMessage());
    }
  }
}
