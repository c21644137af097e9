package dev.covenant.registry.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.covenant.registry.fuzz.QueryStrings;
import dev.covenant.registry.system.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Tag;

/**
 * Coverage-guided fuzzing of the matrix query parser (Jazzer): any raw query string is parsed within the limits or
 * refused with a 400 ({@link InvalidRequestException}); never another exception, and within 60 s. Each input is
 * read two ways: as UTF-8 (any characters) and as the visible-ASCII query the HTTP fuzz sends. The normal test run
 * replays the inputs under {@code MatrixQueryParserFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes
 * (docs/benchmarks/fuzz.sh).
 */
@Tag("fuzz")
class MatrixQueryParserFuzzTest {

    /**
     * The time limit of one input, in fuzzing and in the regression run: more is a hang, reported with the input.
     * Generous, as the first input also pays for loading (and, when fuzzing, instrumenting) the code under test.
     */
    private static final Duration PER_INPUT = Duration.ofSeconds(60);

    @DictionaryFile(resourcePath = QueryStrings.DICTIONARY)
    @FuzzTest(maxDuration = "2m")
    void anyQueryStringIsParsedWithinLimitsOrRefused(byte[] input) {
        assertTimeoutPreemptively(PER_INPUT, () -> parseBothWays(input));
    }

    private static void parseBothWays(byte[] input) {
        check(QueryStrings.of(input));
        check(new String(input, StandardCharsets.UTF_8));
    }

    private static void check(String rawQuery) {
        MatrixQuery query;
        try {
            query = MatrixQueryParser.parse(rawQuery);
        } catch (InvalidRequestException refused) {
            assertThat(refused.errors()).as(rawQuery).isNotEmpty();
            return;
        }
        assertThat(query.selectors()).as(rawQuery).hasSizeLessThanOrEqualTo(100);
        assertThat(query.ignore()).as(rawQuery).hasSizeLessThanOrEqualTo(100);
        assertThat(query.limit()).as(rawQuery).isBetween(1, MatrixQueryParser.MAX_LIMIT);
        query.selectors().forEach(selector -> assertThat(selector.pacticipant()).as(rawQuery).isNotBlank());
    }
}
