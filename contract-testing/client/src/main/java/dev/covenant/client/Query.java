package dev.covenant.client;

/** A query string; blank values are left out. */
final class Query {

    private final StringBuilder text = new StringBuilder();

    Query add(String name, String value) {
        if (value != null && !value.isBlank()) {
            text.append(text.isEmpty() ? '?' : '&').append(Paths.encode(name)).append('=').append(Paths.encode(value));
        }
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
