package dev.covenant.contract.check;

/**
 * How to check.
 *
 * @param basePath                 an extra prefix the provider is mounted under (besides servers / basePath),
 *                                 or {@code null}; the document's {@code info.x-opc-config-base-path} is used when null
 * @param caseInsensitivePaths     match paths ignoring case; also enabled by {@code info.x-opc-config-case-insensitive}
 * @param reportNonHttpInteractions report message and unknown interaction kinds as {@code interaction.type.unsupported}
 *                                 warnings; openapi-pact-comparator skips them silently
 */
public record CheckOptions(String basePath, boolean caseInsensitivePaths, boolean reportNonHttpInteractions) {

    /** Covenant's defaults: paths are case-sensitive, and skipped interactions are reported. */
    public static CheckOptions defaults() {
        return new CheckOptions(null, false, true);
    }

    /** Exactly the findings openapi-pact-comparator produces (non-HTTP interactions silently skipped). */
    public static CheckOptions comparatorCompatible() {
        return new CheckOptions(null, false, false);
    }
}
