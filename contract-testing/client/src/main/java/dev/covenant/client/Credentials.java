package dev.covenant.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** How the client authenticates: not at all, with a bearer token, or with basic credentials. */
public sealed interface Credentials {

    /** The value of the {@code Authorization} header, if any. */
    Optional<String> authorization();

    /** No {@code Authorization} header (a registry in open mode). */
    record None() implements Credentials {
        @Override
        public Optional<String> authorization() {
            return Optional.empty();
        }
    }

    /** {@code Authorization: Bearer <token>}. */
    record Bearer(String token) implements Credentials {
        @Override
        public Optional<String> authorization() {
            return Optional.of("Bearer " + token);
        }

        @Override
        public String toString() {
            return "Bearer[token=***]";
        }
    }

    /** HTTP Basic, sent with every request (the registry accepts token name and token as username and password). */
    record Basic(String username, String password) implements Credentials {
        @Override
        public Optional<String> authorization() {
            String pair = username + ":" + password;
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public String toString() {
            return "Basic[username=" + username + ", password=***]";
        }
    }

    /** A token wins over a username; blank values count as absent. */
    static Credentials of(String token, String username, String password) {
        if (token != null && !token.isBlank()) {
            return new Bearer(token.strip());
        }
        if (username != null && !username.isBlank()) {
            return new Basic(username, password == null ? "" : password);
        }
        return new None();
    }
}
