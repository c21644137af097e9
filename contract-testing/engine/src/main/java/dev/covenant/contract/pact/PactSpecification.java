package dev.covenant.contract.pact;

/** The Pact specification major versions a pact file can declare. */
public enum PactSpecification {
    V1, V2, V3, V4;

    /** Reads {@code metadata.pactSpecification.version} (or the V1/V2 spellings); V2 when absent, as the Pact tools assume. */
    static PactSpecification of(String version) {
        if (version == null || version.isBlank()) {
            return V2;
        }
        String major = version.trim();
        int dot = major.indexOf('.');
        if (dot >= 0) {
            major = major.substring(0, dot);
        }
        return switch (major) {
            case "1" -> V1;
            case "2" -> V2;
            case "3" -> V3;
            case "4" -> V4;
            default -> throw new InvalidPactException("unsupported pact specification version '" + version + "'");
        };
    }
}
