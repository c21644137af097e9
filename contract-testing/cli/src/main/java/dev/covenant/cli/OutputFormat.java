package dev.covenant.cli;

/** How reports are written to standard output. */
enum OutputFormat {
    /** For people at a terminal. */
    TEXT,
    /** For tools; stable field names. */
    JSON,
    /** For pull request comments and CI summaries. */
    MARKDOWN
}
