package dev.covenant.contract.diff;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

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
 * @param location        where the change is inside its operation, by meaning rather than by document layout
 *                        (e.g. {@code response 200 application/json items/name}, {@code parameter query:limit}):
 *                        independent of key order, array positions and {@code $ref} names; "" when the operation
 *                        (or the subject in the details) says it all; null for findings made outside the engine
 */
public record Finding(
        String ruleId,
        Level level,
        String operation,
        String basePointer,
        String revisionPointer,
        String message,
        Map<String, Object> details,
        String location) {

    /**
     * The details that name what changed (which enum value, which scope, which member) and take part in the
     * fingerprint. Deliberately not: the property paths a shared schema is reached by, parameter names (a
     * renamed path parameter is the same parameter), a composition member's position (its {@code memberKey} is
     * its reference name or a hash of its content), and days counted from today.
     */
    private static final Set<String> SUBJECT_KEYS = Set.of("value", "memberKey", "key", "scheme", "scope", "schemes",
            "mediaType", "status", "header", "webhook", "schema", "tag", "from", "to", "sunset", "pattern");
    private static final Pattern TEMPLATE_PARAMETER = Pattern.compile("\\{[^}/]*}");

    public Finding {
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    /** A finding without a logical location: its fingerprint falls back to the document pointers. */
    public Finding(String ruleId, Level level, String operation, String basePointer, String revisionPointer,
                   String message, Map<String, Object> details) {
        this(ruleId, level, operation, basePointer, revisionPointer, message, details, null);
    }

    /**
     * A stable identity of this change: the same change reports the same fingerprint in every diff that finds it
     * (across revisions of a proposal, in ignore lists, in links). A hash of the rule id, the operation with its
     * path parameters unnamed ({@code GET /pets/{}}), the logical {@link #location()} and the subject details
     * (enum value, scope, member, old and new value); no JSON pointer takes part, so key order, unrelated edits,
     * array positions and {@code $ref} names (of components with the same content) leave it unchanged.
     * Sixteen hex digits.
     */
    public String fingerprint() {
        StringBuilder key = new StringBuilder(ruleId).append('\n')
                .append(operation == null ? "" : TEMPLATE_PARAMETER.matcher(operation).replaceAll("{}")).append('\n');
        if (location != null) {
            key.append(location);
        } else {
            String pointer = basePointer != null ? basePointer : revisionPointer;
            key.append(pointer == null ? "" : pointer);
        }
        new TreeMap<>(details).forEach((name, value) -> {
            if (SUBJECT_KEYS.contains(name)) {
                key.append('\n').append(name).append('=').append(value);
            }
        });
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
