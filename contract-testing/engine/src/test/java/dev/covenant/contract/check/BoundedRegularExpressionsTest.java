package dev.covenant.contract.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.regex.RegularExpression;
import org.junit.jupiter.api.Test;

class BoundedRegularExpressionsTest {

    private final BoundedRegularExpressions factory = new BoundedRegularExpressions();

    @Test
    void matchesLikeTheJdkWithinTheBudget() {
        RegularExpression upperFirst = factory.getRegularExpression("^[A-Z]");

        assertThat(upperFirst.matches("Rex")).isTrue();
        assertThat(upperFirst.matches("rex")).isFalse();
    }

    @Test
    void givesUpAndAcceptsOnceTheBudgetIsSpent() {
        String value = "a".repeat((int) BoundedRegularExpressions.MAX_STEPS + 1_000);
        long start = System.nanoTime();

        assertThat(factory.getRegularExpression("^a*b$").matches(value)).isTrue();
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }

    @Test
    void invalidPatternAcceptsEverything() {
        assertThat(factory.getRegularExpression("(unclosed").matches("anything")).isTrue();
    }
}
