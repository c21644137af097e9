package dev.covenant.registry.security;

/** A small valid pact for tests in other packages that run in secured mode. */
public final class SecuredPacts {

    private SecuredPacts() {
    }

    public static String pact(String consumer, String provider) {
        return SecurityFixtures.pact(consumer, provider);
    }
}
