package dev.covenant.contract.openapi;

import java.util.List;

/** An untrusted document was refused; {@link #problems()} says every reason found. */
public class InvalidDocumentException extends RuntimeException {

    /** Why the document was refused, coarse-grained, so callers can pick a status or exit code. */
    public enum Reason {
        /** Neither YAML nor JSON, or duplicate keys. */
        SYNTAX,
        /** Parsable, but not an OpenAPI 2.0, 3.0 or 3.1 document. */
        NOT_OPENAPI,
        /** A {@code $ref} that points outside the document; never fetched. */
        EXTERNAL_REFERENCE,
        /** Violates the OpenAPI specification's structure. */
        SCHEMA,
        /** Larger, deeper or more aliased than the configured {@link DocumentLimits}. */
        LIMIT_EXCEEDED,
        /** Over {@link DocumentLimits#maxBytes()}. */
        TOO_LARGE
    }

    private final Reason reason;
    private final transient List<DocumentProblem> problems;

    public InvalidDocumentException(Reason reason, List<DocumentProblem> problems) {
        super(summary(reason, problems));
        this.reason = reason;
        this.problems = List.copyOf(problems);
    }

    public InvalidDocumentException(Reason reason, DocumentProblem problem) {
        this(reason, List.of(problem));
    }

    public Reason reason() {
        return reason;
    }

    public List<DocumentProblem> problems() {
        return problems;
    }

    private static String summary(Reason reason, List<DocumentProblem> problems) {
        String first = problems.isEmpty() ? "" : ": " + problems.get(0);
        String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "";
        return switch (reason) {
            case SYNTAX -> "The document is not valid YAML or JSON" + first;
            case NOT_OPENAPI -> "The document is not an OpenAPI 2.0, 3.0 or 3.1 document" + first;
            case EXTERNAL_REFERENCE -> "The document references content outside itself, which is never fetched" + first + more;
            case SCHEMA -> "The document violates the OpenAPI specification" + first + more;
            case LIMIT_EXCEEDED -> "The document exceeds a safety limit" + first;
            case TOO_LARGE -> "The document is too large" + first;
        };
    }
}
