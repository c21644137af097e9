package dev.covenant.registry.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller outside {@code dev.covenant.registry.ui} that renders UI pages with forms (e.g. the proposal
 * pages, kept next to their feature), so it gets the CSRF token like the pages in the ui package.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface UiPage {
}
