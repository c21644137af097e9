package dev.covenant.registry.pacts;

/**
 * The outcome of publishing one pact.
 *
 * @param previous   the publication it replaced or merged into, or null when it is new
 * @param newContent its content was not published in the integration before (this publish created its head)
 */
record PublishedPact(PactPublication publication, PactPublication previous, boolean merged, boolean newContent) {

    boolean unchanged() {
        return previous != null && previous.sha().equals(publication.sha());
    }
}
