package dev.covenant.registry.storage;

/** What an acknowledged write of the embedded store survives (see {@code docs/operations.md}). */
public enum Durability {
    /** Committed to the data file before the answer: survives a crash or kill of the registry process. */
    PROCESS,
    /** Also forced to the disk (fsync) before the answer: survives a power loss or kernel crash too. */
    POWER,
    /**
     * No commit per write: H2's background writer commits about once a second, and closing commits the rest. For a
     * bulk load into a fresh store that is thrown away if it fails (the history benchmark's seeder): a crash loses
     * the last second of writes.
     */
    BULK
}
