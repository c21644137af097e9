package dev.covenant.registry.system;

/**
 * The rule every name in the registry follows (applications, versions, branches, tags, teams, tokens): case-sensitive,
 * not blank, at most {@value #MAX_LENGTH} characters, no control characters.
 */
public final class Names {

    /** The longest name accepted. */
    public static final int MAX_LENGTH = 255;

    private Names() {
    }

    /** Returns {@code value} when it is a valid name; otherwise fails with an {@link InvalidRequestException} on {@code field}. */
    public static String require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field, "can't be blank");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidRequestException(field, "must be at most " + MAX_LENGTH + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException(field, "must not contain control characters");
        }
        return value;
    }
}
