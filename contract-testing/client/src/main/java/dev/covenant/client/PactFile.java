package dev.covenant.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/** A pact file to publish: its consumer and provider names (from the pact itself) and its bytes. */
public record PactFile(Path source, String consumer, String provider, byte[] content) {

    /** Pacts above this are refused before reading (the registry's own limit is of this order). */
    static final long MAX_BYTES = 10L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads one pact file; fails with a message naming the file when it is not a pact. */
    public static PactFile read(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new IllegalArgumentException(file + ": " + size + " bytes is over the limit of " + MAX_BYTES);
            }
            byte[] bytes = Files.readAllBytes(file);
            JsonNode pact = JSON.readTree(bytes);
            String consumer = pact == null ? "" : pact.path("consumer").path("name").asText("");
            String provider = pact == null ? "" : pact.path("provider").path("name").asText("");
            if (consumer.isBlank() || provider.isBlank()) {
                throw new IllegalArgumentException(file + ": not a pact (needs consumer.name and provider.name)");
            }
            return new PactFile(file, consumer, provider, bytes);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(file + ": not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot be read", e);
        }
    }

    /** Every {@code *.json} in the given files and directories (directories not recursed), sorted by path. */
    public static List<PactFile> collect(Collection<Path> filesOrDirectories) {
        List<Path> files = new ArrayList<>();
        for (Path path : filesOrDirectories) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> listing = Files.list(path)) {
                    listing.filter(p -> p.getFileName().toString().endsWith(".json"))
                            .filter(Files::isRegularFile)
                            .sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(path + ": cannot be listed", e);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new UncheckedIOException(new java.nio.file.NoSuchFileException(path + ": no such file or directory"));
            }
        }
        return files.stream().map(PactFile::read).toList();
    }
}
