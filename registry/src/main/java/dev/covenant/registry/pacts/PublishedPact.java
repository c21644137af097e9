package dev.covenant.registry.pacts;

/**
 * The outcome of publishing one pact.
 *
 * @param previous the publication it replaced or merged into, or null when it is new
 */
record PublishedPact(PactPublication publication, PactPublication previous, boolean merged) {

    boolean unchanged() {
        return previous != null && previous.sha().equals(publication.sha());
    }
}
