package dev.covenant.registry.ui.model;

import java.util.Collection;

/**
 * A contract between two applications as the UI shows it: the consumer's latest pact with the provider and
 * what the latest verification of that content said.
 *
 * @param order              the consumer version's creation order (a later publication replaces the edge)
 * @param providerVersion    the provider version that verified it last, or null
 * @param verificationNumber that verification's sequence number, or 0
 */
public record Edge(String provider, String consumer, String consumerVersion, long order, String sha, Status status,
        String providerVersion, long verificationNumber) {

    /** What the latest verification of the latest pact says. */
    public enum Status {
        FAILED("verification failed", "failed", "#cf222e"),
        UNVERIFIED("not verified yet", "unverified", "#6e7781"),
        VERIFIED("verified", "verified", "#1a7f37");

        private final String label;
        private final String css;
        private final String colour;

        Status(String label, String css, String colour) {
            this.label = label;
            this.css = css;
            this.colour = colour;
        }

        public String label() {
            return label;
        }

        public String css() {
            return css;
        }

        public String colour() {
            return colour;
        }
    }

    /** An application's status in the catalog: the worst of its contracts, as consumer and as provider. */
    public enum Health {
        FAILING("failing", "failed"), UNVERIFIED("unverified", "unverified"), VERIFIED("verified", "verified"),
        NO_CONTRACTS("no contracts", "none"),
        /** Every failed verification is against a provider version that runs nowhere (nothing deployed breaks). */
        FAILING_UNDEPLOYED("fails only against a version deployed nowhere", "warn");

        private final String label;
        private final String css;

        Health(String label, String css) {
            this.label = label;
            this.css = css;
        }

        public String label() {
            return label;
        }

        public String css() {
            return css;
        }

        public static Health of(Collection<Edge> edges) {
            return of(edges, edge -> true);
        }

        /**
         * The worst status, where a failed verification only counts as failing when {@code runs} says its provider
         * version is deployed or released somewhere (else the contract fails only against a version nobody runs).
         */
        public static Health of(Collection<Edge> edges, java.util.function.Predicate<Edge> runs) {
            if (edges.isEmpty()) {
                return NO_CONTRACTS;
            }
            if (edges.stream().anyMatch(edge -> edge.status() == Status.FAILED && runs.test(edge))) {
                return FAILING;
            }
            if (edges.stream().anyMatch(edge -> edge.status() == Status.FAILED)) {
                return FAILING_UNDEPLOYED;
            }
            if (edges.stream().anyMatch(edge -> edge.status() == Status.UNVERIFIED)) {
                return UNVERIFIED;
            }
            return VERIFIED;
        }
    }

    public String key() {
        return provider + "|" + consumer;
    }

    Edge verified(String providerVersion, boolean success, long number) {
        return new Edge(provider, consumer, consumerVersion, order, sha, success ? Status.VERIFIED : Status.FAILED,
                providerVersion, number);
    }
}
