package org.feedfold.bench;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Exempts a bench class from the forbidden-API check, saying why: {@link CycleWire} serves with the
 * JDK's {@code jdk.httpserver} module, as the demo's wire does.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@interface SuppressForbidden {
  /** Says why the forbidden API is acceptable here. */
  String reason();
}
