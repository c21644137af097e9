package dev.covenant.registry.storage;

/** What an acknowledged write of the embedded store survives (see {@code docs/operations.md}). */
public enum Durability {
    /** Committed to the data file before the answer: survives a crash or kill of the registry process. */
    PROCESS,
    /** Also forced to the disk (fsync) before the answer: survives a power loss or kernel crash too. */
    POWER
}
