package dev.covenant.contract.check;

import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code pattern} keywords come from documents and are run on pact values: both untrusted. A pattern such as
 * {@code ^(a+)+$} backtracks for ages on the wrong input, so matching reads the value through a budget and gives up
 * after {@link #MAX_STEPS} character reads. A pattern that cannot be decided (or compiled) is not held against the
 * pact.
 */
final class BoundedRegularExpressions implements RegularExpressionFactory {

    static final long MAX_STEPS = 2_000_000;

    @Override
    public RegularExpression getRegularExpression(String regex) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            return value -> true;
        }
        return value -> {
            try {
                return pattern.matcher(new Budgeted(value, new long[] {MAX_STEPS})).find();
            } catch (BudgetExceeded e) {
                return true;
            }
        };
    }

    private static final class BudgetExceeded extends RuntimeException {
        BudgetExceeded() {
            super(null, null, false, false);
        }
    }

    /** A string whose every character read costs one step of a shared budget. */
    private record Budgeted(String text, long[] budget) implements CharSequence {

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (--budget[0] < 0) {
                throw new BudgetExceeded();
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Budgeted(text.substring(start, end), budget);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
