package dev.covenant.contract.diff;

import java.util.Map;

/**
 * One change between two documents, named by an oasdiff rule id.
 *
 * @param ruleId          stable oasdiff id, e.g. {@code response-property-type-changed}
 * @param level           the level rules.json gives that id
 * @param operation       e.g. {@code GET /pets/{id}}; null for document-level findings
 * @param basePointer     JSON pointer into the base document, null where the thing is absent there
 * @param revisionPointer JSON pointer into the revision, null where absent there
 * @param message         a sentence for a person
 * @param details         machine-readable extras (property path, old and new values, comment ids)
 */
public record Finding(
        String ruleId,
        Level level,
        String operation,
        String basePointer,
        String revisionPointer,
        String message,
        Map<String, Object> details) {

    public Finding {
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    /**
     * A stable identity of this change: the same change reports the same fingerprint in every diff that finds it
     * (across revisions of a proposal, in ignore lists, in links). First version: a hash of the rule id, the
     * operation and where in the document the change is; the engine issue (#14) makes the location independent of
     * key order and of {@code $ref} names.
     */
    public String fingerprint() {
        String location = basePointer != null ? basePointer : revisionPointer;
        String key = ruleId + "\n" + (operation == null ? "" : operation) + "\n" + (location == null ? "" : location);
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
