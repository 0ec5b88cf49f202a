package org.feedfold.demo;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Exempts a class from one forbiddenapis check, with the reason written down.
 *
 * <p>Used for {@code com.sun.net.httpserver}: the {@code jdk-non-portable} signatures flag every
 * {@code com.sun.*} package, but this one is the supported, exported API of the {@code
 * jdk.httpserver} module.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@interface SuppressForbidden {
  /** Says why the forbidden API is acceptable here. */
  String reason();
}
