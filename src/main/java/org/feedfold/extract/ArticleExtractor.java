package org.feedfold.extract;

import org.feedfold.model.ExtractedArticle;

/**
 * Extracts the article body and metadata from an HTML page, dropping boilerplate.
 *
 * <p>Thread-safe; one instance may serve all threads. Never touches the network.
 */
public final class ArticleExtractor {

  /** Extracts the article from page bytes; the charset is detected from bytes, header and meta. */
  public ExtractedArticle extract(byte[] html, PageSource source) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * Cleans HTML carried in feed content ({@code content:encoded} with site footers), returning its
   * main text and sanitised HTML. Metadata components are {@code null}.
   */
  public ExtractedArticle extractFragment(String html, PageSource source) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
