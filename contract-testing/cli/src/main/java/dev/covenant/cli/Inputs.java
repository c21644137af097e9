package dev.covenant.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.InvalidDocumentException;
import dev.covenant.contract.openapi.OpenApiDocuments;
import dev.covenant.contract.openapi.ParsedDocument;
import dev.covenant.contract.openapi.Validation;
import dev.covenant.contract.pact.InvalidPactException;
import dev.covenant.contract.pact.Pact;
import dev.covenant.contract.pact.Pacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads untrusted files under the same rules as the registry: size checked before reading, bounded parsing,
 * no external reference ever followed. Every failure becomes a one-line {@link CliException}.
 */
final class Inputs {

    /** Documents: the registry's defaults (25 MB). */
    static final DocumentLimits DOCUMENT_LIMITS = DocumentLimits.DEFAULTS;
    /** Pacts are smaller than documents; 10 MB is far above any real one. */
    static final DocumentLimits PACT_LIMITS = DocumentLimits.DEFAULTS.withMaxBytes(10L * 1024 * 1024);

    private Inputs() {
    }

    /**
     * Reads a document; {@link Validation#NONE} does only the safety checks (a diff or a pact check needs only
     * the tree), {@link Validation#LENIENT} adds the structural problems as warnings.
     */
    static ParsedDocument document(Path file, Validation validation) {
        byte[] bytes = read(file, DOCUMENT_LIMITS);
        try {
            return OpenApiDocuments.parse(bytes, DOCUMENT_LIMITS, validation);
        } catch (InvalidDocumentException e) {
            throw new CliException(CliException.INVALID_INPUT, file + ": " + oneLine(e.getMessage()));
        }
    }

    static Pact pact(Path file) {
        byte[] bytes = read(file, PACT_LIMITS);
        try {
            JsonNode tree = OpenApiDocuments.readTree(bytes, PACT_LIMITS);
            return Pacts.parse(tree);
        } catch (InvalidDocumentException e) {
            throw new CliException(CliException.INVALID_INPUT, file + ": not a readable pact: " + oneLine(e.getMessage()));
        } catch (InvalidPactException e) {
            throw new CliException(CliException.INVALID_INPUT, file + ": not a valid pact: " + oneLine(e.getMessage()));
        }
    }

    private static byte[] read(Path file, DocumentLimits limits) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new CliException(CliException.IO, file + ": no such file");
            }
            long size = Files.size(file);
            if (size > limits.maxBytes()) {
                throw new CliException(CliException.INVALID_INPUT, file + ": " + size + " bytes is over the limit of "
                        + limits.maxBytes());
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CliException(CliException.IO, file + ": no such file");
        } catch (IOException e) {
            throw new CliException(CliException.IO, file + ": cannot be read (" + oneLine(e.getMessage()) + ")");
        }
    }

    static String oneLine(String message) {
        if (message == null) {
            return "unknown reason";
        }
        String line = message.replace('\r', ' ').replace('\n', ' ').trim();
        return line.length() > 500 ? line.substring(0, 500) + "…" : line;
    }
}
