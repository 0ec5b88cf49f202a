package org.feedfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The manual page and the completion script come from the command model and stay in step. */
class ManPageTest {
  private static final Path CHECKED_IN = Path.of("docs/man/feedfold.1");

  private static String run(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out));
    assertEquals(0, cli.execute(args));
    return out.toString();
  }

  /** Regenerate with {@code java -jar target/feedfold.jar man > docs/man/feedfold.1}. */
  @Test
  void checkedInManPageIsUpToDate() throws Exception {
    assertEquals(
        run("man"),
        Files.readString(CHECKED_IN, StandardCharsets.UTF_8),
        "docs/man/feedfold.1 is stale: run 'java -jar target/feedfold.jar man >"
            + " docs/man/feedfold.1'");
  }

  @Test
  void manPageDocumentsEveryCommandAndTheSearchFields() {
    String page = run("man");
    assertTrue(page.startsWith(".\\\" Generated"), page);
    for (CommandLine command : Main.commandLine().getSubcommands().values()) {
      String name = command.getCommandName();
      boolean hidden = command.getCommandSpec().usageMessage().hidden();
      assertEquals(!hidden, page.contains(".SS " + name + "\n"), name);
    }
    assertTrue(page.contains("source:\\(dq") || page.contains("source:\""), page);
    assertTrue(page.contains(".SH EXIT STATUS"), page);
  }

  @Test
  void completionScriptCompletesCommandsAndOptions() {
    String script = run("completion", "bash");
    assertTrue(script.contains("complete -F _complete_feedfold"), script);
    assertTrue(script.contains("search"), script);
    assertTrue(script.contains("--sort"), script);
  }
}
