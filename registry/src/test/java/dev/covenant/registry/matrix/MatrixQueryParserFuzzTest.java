package dev.covenant.registry.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.fuzz.QueryStrings;
import dev.covenant.registry.system.InvalidRequestException;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property-based fuzzing of the matrix query parser: any raw query string is parsed within the limits or refused
 * with a 400 ({@link InvalidRequestException}); never another exception. Tries: {@code -Dfuzz.tries}.
 */
class MatrixQueryParserFuzzTest {

    @Property
    void anyQueryStringIsParsedWithinLimitsOrRefused(@ForAll("queries") String rawQuery) {
        MatrixQuery query;
        try {
            query = MatrixQueryParser.parse(rawQuery);
        } catch (InvalidRequestException refused) {
            assertThat(refused.errors()).isNotEmpty();
            return;
        }
        assertThat(query.selectors()).hasSizeLessThanOrEqualTo(100);
        assertThat(query.ignore()).hasSizeLessThanOrEqualTo(100);
        assertThat(query.limit()).isBetween(1, MatrixQueryParser.MAX_LIMIT);
        query.selectors().forEach(selector -> assertThat(selector.pacticipant()).isNotBlank());
    }

    @Provide
    Arbitrary<String> queries() {
        return QueryStrings.queries();
    }
}
