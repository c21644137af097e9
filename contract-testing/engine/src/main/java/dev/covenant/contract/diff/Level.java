package dev.covenant.contract.diff;

/** How serious a finding is, in oasdiff's terms. */
public enum Level {
    /** Not breaking: worth knowing. */
    INFO,
    /** May break some clients. */
    WARN,
    /** Definitely breaks clients written against the base. */
    ERR;

    /** Whether this level is at least as serious as {@code other}. */
    public boolean atLeast(Level other) {
        return compareTo(other) >= 0;
    }
}
