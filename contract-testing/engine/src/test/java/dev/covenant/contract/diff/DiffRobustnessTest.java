package dev.covenant.contract.diff;

import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The diff must never fail on a document that loads, whatever the other side looks like. */
class DiffRobustnessTest {

    @Test
    void everyCorpusDocumentDiffsAgainstAnEmptyDocumentAndItsNeighbourInBothDirections() throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(OasdiffCorpus.folder().resolve("specs"))) {
            files = walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".json"))
                    .sorted().toList();
        }
        JsonNode empty = new ObjectMapper().readTree("{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"t\",\"version\":\"1\"}}");
        JsonNode previous = empty;
        for (Path file : files) {
            JsonNode document = CorpusBundler.bundle(file);
            JsonNode neighbour = previous;
            assertThatCode(() -> {
                OpenApiDiff.diff(empty, document, DiffOptions.defaults());
                OpenApiDiff.diff(document, empty, DiffOptions.defaults());
                OpenApiDiff.diff(neighbour, document, DiffOptions.defaults());
                OpenApiDiff.diff(document, neighbour, DiffOptions.defaults());
            }).as(file.toString()).doesNotThrowAnyException();
            previous = document;
        }
    }
}
