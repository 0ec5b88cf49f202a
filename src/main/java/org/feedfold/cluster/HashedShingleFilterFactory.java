package org.feedfold.cluster;

import java.util.Map;
import org.apache.lucene.analysis.TokenFilterFactory;
import org.apache.lucene.analysis.TokenStream;

/**
 * Creates {@link HashedShingleFilter}s by name, so that a Solr schema can name the same shingle
 * chain that {@link Fingerprinter} runs: {@code <filter name="feedfoldHashedShingle" size="5"
 * modulus="4"/>} after the tokenizer, lower-casing and folding (issue 13). Registered through
 * {@code META-INF/services/org.apache.lucene.analysis.TokenFilterFactory}; a Solr node finds it
 * when feedfold.jar is on its library path.
 *
 * <p>Letting the engine analyse the raw text, rather than sending it precomputed hashes as terms,
 * keeps one implementation of the chain and nothing to mangle in transit.
 *
 * <p>Arguments: {@code size} (words per shingle) and {@code modulus} (1 in {@code modulus} kept),
 * both required and positive, as {@code cluster.shingle-words} and {@code cluster.sample-modulus}.
 * Thread-safe (immutable).
 */
public final class HashedShingleFilterFactory extends TokenFilterFactory {
  /** The name a schema uses. */
  public static final String NAME = "feedfoldHashedShingle";

  private final int size;
  private final int modulus;

  /** Creates the factory from a schema's arguments; unknown or missing ones are refused. */
  public HashedShingleFilterFactory(Map<String, String> args) {
    super(args);
    size = requireInt(args, "size");
    modulus = requireInt(args, "modulus");
    if (size < 1 || modulus < 1) {
      throw new IllegalArgumentException("size and modulus must be positive");
    }
    if (!args.isEmpty()) {
      throw new IllegalArgumentException("unknown parameters: " + args);
    }
  }

  /** Default constructor for the service loader only; throws. */
  public HashedShingleFilterFactory() {
    throw defaultCtorException();
  }

  @Override
  public TokenStream create(TokenStream input) {
    return new HashedShingleFilter(input, size, modulus);
  }
}
