package org.feedfold.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Runs {@code feedfold demo} as its own process on a fast timeline and checks, through HTTP only,
 * what a newcomer should see: every outlet fetched, each republication folded with its original,
 * one entry for the live story that moves as it gains updates, and nothing fetched off loopback;
 * then drives the story river at {@code /} in headless Chromium (search, expand a story) and keeps
 * a screenshot in {@code target/screenshots/} (the README's is one of these).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoIT {
  private static final Pattern MERGED = Pattern.compile("(http://\\S+/)feed\\.atom\\s+merged feed");
  private static final int STORIES = 15;
  private static final int ARTICLES = 13 + 6 + 4 + 4 + 2;
  private static final String LIVE = "California boat fire";
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  @TempDir static Path dir;
  private URI base;
  private Child demo;
  private final HttpClient client = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @AfterAll
  void stop() {
    if (demo != null) {
      demo.close();
    }
  }

  @BeforeAll
  void startDemo() throws Exception {
    demo = Child.start("--data", dir.toString(), "demo", "--port", "0", "--step-millis", "2500");
    base = URI.create(demo.await(MERGED, Duration.ofSeconds(60)).group(1));
  }

  @Test
  @Order(1)
  void foldsTheWiresRepublicationsAndFollowsTheLiveStory() throws Exception {

    // The live story's last update lands at step 6 (15 s); the late outlets join at steps 3 and 5.
    JsonNode first = null;
    JsonNode feed = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      feed = json.readTree(get(base.resolve("feed.json")).body());
      JsonNode live = live(feed);
      if (first == null && live != null) {
        first = live;
      }
      if (feed.path("items").size() == STORIES
          && articles(base, feed) == ARTICLES
          && live != null
          && Instant.parse(live.path("date_modified").asText())
              .isAfter(Instant.parse(first.path("date_modified").asText()))
          && liveHas(base, 5)) {
        break;
      }
      Thread.sleep(1_000);
    }
    assertEquals(STORIES, feed.path("items").size(), "one entry per story: " + titles(feed));
    assertEquals(ARTICLES, articles(base, feed), "every article of every outlet indexed");
    assertTrue(liveHas(base, 3), "the live story's first update is indexed");
    assertTrue(liveHas(base, 5), "and its last");
    JsonNode live = live(feed);
    assertTrue(
        Instant.parse(live.path("date_modified").asText())
            .isAfter(Instant.parse(first.path("date_modified").asText())),
        "the live story's entry moves as it gains updates");

    Set<String> outlets = new HashSet<>();
    for (JsonNode item : feed.path("items")) {
      JsonNode story = story(base, item);
      List<String> sources = new ArrayList<>();
      String original = null;
      String originalTitle = null;
      for (JsonNode a : story.path("articles")) {
        URI url = URI.create(a.path("url").asText());
        assertEquals("127.0.0.1", url.getHost(), "fetched from loopback only: " + url);
        sources.add(a.path("source").asText());
        if (a.path("original").asBoolean()) {
          original = a.path("source").asText();
          originalTitle = a.path("title").asText();
        }
      }
      // Issue 11: the entry is the original's, never the padded copy's.
      assertEquals(originalTitle, item.path("title").asText(), "the original's headline");
      String body = item.path("content_html").asText();
      body = body.substring(0, body.indexOf("<hr/>"));
      assertFalse(
          body.contains("Donate today") || body.contains("originally published by"),
          "no outlet's additions in the entry: " + body);
      if (item.path("title").asText().contains(LIVE)) {
        assertTrue(story.path("versions").size() > story.path("articles").size(), "versions kept");
      }
      outlets.addAll(sources);
      if (sources.contains("Wikinews Wire")) {
        assertEquals("Wikinews Wire", original, "the wire had it first: " + story);
        assertEquals(1, sources.stream().filter("Wikinews Wire"::equals).count(), story.toString());
      } else {
        assertEquals(List.of("Newswatch"), sources, "only the own reporting stands alone");
      }
    }
    assertEquals(
        Set.of("Wikinews Wire", "Daily Courier", "Metro Blog", "Global Digest", "Newswatch"),
        outlets,
        "every outlet fetched and carried");
  }

  @Test
  @Order(2)
  void storyRiverSearchesAndExpandsInABrowser() throws Exception {
    assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "needs Debian's chromium and chromium-driver (.ci/run installs them)");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1000,1300",
        "--user-data-dir=" + dir.resolve("chromium"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    WebDriver browser = new ChromeDriver(service, options);
    try {
      browser.get(base.toString());
      List<WebElement> stories = browser.findElements(By.cssSelector("article.story"));
      assertEquals(STORIES, stories.size(), browser.getPageSource());
      assertEquals(
          "736px",
          browser.findElement(By.tagName("body")).getCssValue("max-width"),
          "the style sheet is allowed by the page's Content-Security-Policy");

      WebElement box = browser.findElement(By.id("q"));
      box.sendKeys("hurricane");
      box.submit();
      new WebDriverWait(browser, Duration.ofSeconds(10))
          .until(d -> d.getCurrentUrl().contains("q=hurricane"));
      List<String> found =
          browser.findElements(By.cssSelector("article.story summary h2")).stream()
              .map(WebElement::getText)
              .toList();
      assertTrue(
          found.stream().anyMatch(t -> t.contains("Hurricane Dorian")), "search finds: " + found);
      assertTrue(found.size() < STORIES, "search narrows the river: " + found);

      browser.get(base.toString());
      WebElement live =
          browser.findElements(By.cssSelector("article.story")).stream()
              .filter(e -> e.findElement(By.cssSelector("summary h2")).getText().contains(LIVE))
              .findFirst()
              .orElseThrow();
      WebElement outlets = live.findElement(By.cssSelector(".outlets"));
      assertFalse(outlets.isDisplayed(), "stories start folded");
      live.findElement(By.tagName("summary")).click();
      assertTrue(outlets.isDisplayed(), "a click expands the story to its outlets");
      assertEquals("original", live.findElement(By.cssSelector(".original")).getText());

      Path shot = Path.of("target", "screenshots", "story-river.png");
      Files.createDirectories(shot.getParent());
      Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    } finally {
      browser.quit();
      service.stop();
    }
  }

  @Test
  @Order(3)
  void stopsOnSigterm() throws Exception {
    demo.terminate();
    demo.exit(Duration.ofSeconds(30));
  }

  /** Returns whether the merged feed finds paragraph {@code n} of the live story, in one entry. */
  private boolean liveHas(URI base, int paragraph) throws Exception {
    String q = URLEncoder.encode("\"" + phrase(paragraph) + "\"", StandardCharsets.UTF_8);
    JsonNode items = json.readTree(get(base.resolve("feed.json?q=" + q)).body()).path("items");
    return items.size() == 1 && items.get(0).path("title").asText().contains(LIVE);
  }

  /**
   * Returns the first words of paragraph {@code n} of the wire's live story, the sample's first.
   */
  private String phrase(int n) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/org/feedfold/demo/wikinews.jsonl")) {
      String first =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
      String paragraph = json.readTree(first).path("text").asText().split("\n\n")[n];
      String[] words = paragraph.replaceAll("[^\\p{L}\\p{N} ]", " ").strip().split("\\s+");
      return String.join(" ", Arrays.copyOf(words, Math.min(8, words.length)));
    }
  }

  private int articles(URI base, JsonNode feed) throws Exception {
    int n = 0;
    for (JsonNode item : feed.path("items")) {
      n += story(base, item).path("articles").size();
    }
    return n;
  }

  private JsonNode story(URI base, JsonNode item) throws Exception {
    String id = item.path("_feedfold").path("story_id").asText();
    HttpResponse<String> r = get(base.resolve("stories/" + id + ".json"));
    assertEquals(200, r.statusCode(), r.body());
    return json.readTree(r.body());
  }

  private static JsonNode live(JsonNode feed) {
    JsonNode found = null;
    for (JsonNode item : feed.path("items")) {
      if (item.path("title").asText().contains(LIVE)) {
        assertTrue(found == null, "one entry for the live story");
        found = item;
      }
    }
    return found;
  }

  private static List<String> titles(JsonNode feed) {
    List<String> t = new ArrayList<>();
    feed.path("items").forEach(i -> t.add(i.path("title").asText()));
    return t;
  }

  private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
