package dev.covenant.contract.check;

/** Severity of a finding, as openapi-pact-comparator grades it. */
public enum FindingType {
    /** The pact relies on something the document does not promise: the provider can break the consumer. */
    ERROR,
    /** Suspicious or unverifiable, but not a proven incompatibility. */
    WARNING
}
