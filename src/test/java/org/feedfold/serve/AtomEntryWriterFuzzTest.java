package org.feedfold.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.feedfold.model.Story;
import org.feedfold.model.StoryMember;

/**
 * Fuzzes {@link AtomEntryWriter} against Rome and JDOM: for any story, the entry it writes is byte
 * for byte the one {@link AtomRenderer#romeEntryText} writes, or it writes none (and Rome does).
 *
 * <p>{@code ./mvnw verify} replays the inputs under {@code
 * src/test/resources/org/feedfold/serve/AtomEntryWriterFuzzTestInputs/}; {@code JAZZER_FUZZ=1}
 * fuzzes (see docs/RELIABILITY.md).
 */
class AtomEntryWriterFuzzTest {
  @FuzzTest(maxDuration = "2m")
  void writesWhatRomeWritesOrLeavesItToRome(FuzzedDataProvider data) {
    Instant t = Instant.ofEpochMilli(data.consumeLong(-62_000_000_000_000L, 253_000_000_000_000L));
    List<StoryMember> members = new ArrayList<>();
    int n = data.consumeInt(0, 3);
    for (int i = 0; i < n; i++) {
      members.add(
          new StoryMember(
              "m" + i,
              data.consumeBoolean() ? null : data.consumeString(40),
              "t",
              data.consumeBoolean() ? null : data.consumeString(20),
              data.consumeBoolean() ? null : t.minusSeconds(i),
              data.consumeBoolean()));
    }
    Story story =
        new Story(
            data.consumeString(10),
            data.consumeBoolean() ? null : data.consumeString(40),
            data.consumeBoolean() ? null : data.consumeString(40),
            null,
            data.consumeRemainingAsString(),
            t,
            t.plusMillis(250),
            members);
    String[] direct = AtomEntryWriter.write(story);
    if (direct != null) {
      assertArrayEquals(AtomRenderer.romeEntryText(story), direct, story.toString());
    }
  }
}
