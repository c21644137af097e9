package dev.covenant.registry.fuzz;

/**
 * Raw query strings from the fuzzer's bytes, as hostile clients might send them. Only characters that may stand in
 * an HTTP request line (visible ASCII) so that every input reaches the server: a visible ASCII byte stays as it is
 * (a seed file reads as the query it is), any other byte maps onto one. The dictionary {@code query.dict} next to
 * this class holds the Pact Broker's matrix and can-i-deploy parameters, literal and percent-encoded, and odd values.
 */
public final class QueryStrings {

    /** The libFuzzer dictionary of query parameters and values, a test resource. */
    public static final String DICTIONARY = "/dev/covenant/registry/fuzz/query.dict";

    private static final int FIRST = '!';
    private static final int SPAN = '~' - '!' + 1;

    private QueryStrings() {
    }

    /** The bytes as a query string of visible ASCII characters, at most 4,000 of them. */
    public static String of(byte[] input) {
        int length = Math.min(input.length, 4000);
        StringBuilder query = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int b = input[i] & 0xff;
            query.append((char) (b >= FIRST && b < FIRST + SPAN ? b : FIRST + b % SPAN));
        }
        return query.toString();
    }
}
