package dev.covenant.registry.storage;

import java.util.List;

/**
 * A feature's collections that its latency-bound reads (the gates: for-verification, can-i-deploy, the matrix) read
 * many documents of per call, by {@code _id}: heads, branches, small lookup collections. The embedded store loads
 * them into its page cache after start-up ({@link EmbeddedWarmUp}). Not the histories (versions, publications,
 * verifications): a gate reads a few of those per call, and loading them all would take minutes and most of the heap.
 */
@FunctionalInterface
public interface HotCollections {

    List<String> hotCollections();
}
