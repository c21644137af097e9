package dev.covenant.contract.diff;

import java.util.Locale;
import java.util.Optional;

/** An operation's {@code x-stability-level}, lowest first. An operation without one is stable. */
public enum Stability {
    DRAFT, ALPHA, BETA, STABLE;

    /** The level a document names ({@code draft}, {@code alpha}, {@code beta}, {@code stable}); empty if unknown. */
    public static Optional<Stability> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (Stability level : values()) {
            if (level.name().equals(text.trim().toUpperCase(Locale.ROOT))) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
