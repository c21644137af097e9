package dev.covenant.registry.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.covenant.registry.system.InvalidRequestException;
import org.junit.jupiter.api.Test;

class MatrixQueryParserTest {

    @Test
    void literalAndEncodedBracketsParseTheSame() {
        MatrixQuery literal = MatrixQueryParser.parse("q[][pacticipant]=Foo&q[][version]=1.2.3&latestby=cvp&environment=prod");
        MatrixQuery encoded = MatrixQueryParser.parse(
                "q%5B%5D%5Bpacticipant%5D=Foo&q%5B%5D%5Bversion%5D=1.2.3&latestby=cvp&environment=prod");
        assertThat(encoded).isEqualTo(literal);
        assertThat(literal.selectors()).singleElement()
                .satisfies(selector -> {
                    assertThat(selector.pacticipant()).isEqualTo("Foo");
                    assertThat(selector.version()).isEqualTo("1.2.3");
                });
        assertThat(literal.target().environment()).isEqualTo("prod");
        assertThat(literal.latestBy()).isEqualTo("cvp");
    }

    @Test
    void aRepeatedKeyStartsTheNextSelectorInOrder() {
        MatrixQuery query = MatrixQueryParser.parse(
                "q[][pacticipant]=A&q[][version]=1&q[][pacticipant]=B&q[][latest]=true&q[][tag]=prod&ignore[][pacticipant]=C");
        assertThat(query.selectors()).hasSize(2);
        assertThat(query.selectors().get(1).pacticipant()).isEqualTo("B");
        assertThat(query.selectors().get(1).latest()).isTrue();
        assertThat(query.selectors().get(1).tag()).isEqualTo("prod");
        assertThat(query.ignore()).singleElement().satisfies(ignore -> assertThat(ignore.pacticipant()).isEqualTo("C"));
        assertThat(query.target()).isNull();
    }

    @Test
    void namesArePercentDecoded() {
        MatrixQuery query = MatrixQueryParser.parse("q[][pacticipant]=My%20App&q[][branch]=feat%2Fx&q[][latest]=true");
        assertThat(query.selectors().get(0).pacticipant()).isEqualTo("My App");
        assertThat(query.selectors().get(0).branch()).isEqualTo("feat/x");
    }

    @Test
    void targetsAndLimits() {
        assertThat(MatrixQueryParser.parse("q[][pacticipant]=A&q[][version]=1&latest=true&tag=prod").target().tag()).isEqualTo("prod");
        assertThat(MatrixQueryParser.parse("q[][pacticipant]=A&q[][version]=1&mainBranch=true&latest=true").target().mainBranch()).isTrue();
        assertThat(MatrixQueryParser.parse("q[][pacticipant]=A&q[][version]=1&limit=5").limit()).isEqualTo(5);
        assertThat(MatrixQueryParser.parse("q[][pacticipant]=A&q[][version]=1").limit()).isEqualTo(100);
    }

    @Test
    void aPacticipantAloneOrATagWithoutLatestMeansManyVersions() {
        MatrixQuery query = MatrixQueryParser.parse(
                "q[][pacticipant]=A&q[][pacticipant]=B&q[][tag]=prod&q[][pacticipant]=C&q[][tag]=prod&q[][latest]=true"
                        + "&q[][pacticipant]=D&q[][branch]=main");
        assertThat(query.selectors()).extracting(MatrixQuery.VersionSelector::manyVersions)
                .containsExactly(true, true, false, false);
    }

    @Test
    void successFiltersTheListedOutcomes() {
        MatrixQuery query = MatrixQueryParser.parse("q[][pacticipant]=A&success[]=true&success%5B%5D=");
        assertThat(query.lists(true)).isTrue();
        assertThat(query.lists(null)).isTrue();
        assertThat(query.lists(false)).isFalse();
        assertThat(MatrixQueryParser.parse("q[][pacticipant]=A").lists(false)).isTrue();
    }

    @Test
    void invalidQueriesAreRefused() {
        assertThatThrownBy(() -> MatrixQueryParser.parse("q[][pacticipant]=A&q[][version]=1&latest=true&environment=prod"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("latest");
        assertThatThrownBy(() -> MatrixQueryParser.parse("q[][pacticipant]=A&q[][version]=1&environment=prod&tag=x"))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> MatrixQueryParser.parse("q[][version]=1"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("pacticipant");
        assertThatThrownBy(() -> MatrixQueryParser.parse("q[][pacticipant]=A&success[]=yes"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("success");
        assertThatThrownBy(() -> MatrixQueryParser.parse("q[][pacticipant]=A&q[][version]=1&limit=zero"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> MatrixQueryParser.parse("q[][pacticipant]=%E0%A4%A"))
                .isInstanceOf(InvalidRequestException.class);
    }
}
