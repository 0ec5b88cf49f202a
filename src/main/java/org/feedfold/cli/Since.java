package org.feedfold.cli;

import java.time.Instant;
import java.time.InstantSource;
import org.feedfold.serve.SinceParser;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converts {@code --since} values: a duration back from now ({@code 90m}, {@code 24h}, {@code 7d},
 * {@code 2w}), a date ({@code 2026-11-01}, midnight UTC) or an instant ({@code
 * 2026-11-01T12:00:00Z}).
 */
final class Since implements ITypeConverter<Instant> {
  private final InstantSource clock;

  Since() {
    this(InstantSource.system());
  }

  Since(InstantSource clock) {
    this.clock = clock;
  }

  @Override
  public Instant convert(String value) {
    try {
      return SinceParser.parse(value, clock.instant());
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
