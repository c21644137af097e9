package dev.covenant.registry.fuzz;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Raw query strings as hostile clients might send them: the Pact Broker's matrix and can-i-deploy parameters with
 * literal and percent-encoded brackets, odd values, broken percent-encoding, repeated and unknown keys, and plain
 * noise. Only characters that may stand in an HTTP request line (visible ASCII), so every input reaches the server.
 */
public final class QueryStrings {

    private static final List<String> KEYS = List.of("q[][pacticipant]", "q[][version]", "q[][latest]", "q[][tag]",
            "q[][branch]", "q[][mainBranch]", "q%5B%5D%5Bpacticipant%5D", "q%5B%5D%5Bversion%5D", "q%5B%5D%5Blatest%5D",
            "ignore[][pacticipant]", "ignore[][version]", "ignore%5B%5D%5Bpacticipant%5D", "latestby", "latest",
            "environment", "tag", "to", "mainBranch", "limit", "pacticipant", "version", "q[]", "q[][", "q[]]", "q",
            "ignore[]", "[]", "%", "%zz", "&", "=", "");

    private static final List<String> VALUES = List.of("", "true", "false", "1", "0", "-1", "1000", "1001",
            "99999999999999999999", "1.0.0", "main", "prod", "production", "cvp", "cp", "order-service",
            "inventory-service", "%20", "%2F", "%00", "%zz", "%", "%E2%82%AC", "%C3%28", "%FF%FE", "+", "a+b", "[]",
            "=", "==", "%3D", "%26", "null", "undefined", "%7B%22a%22%3A1%7D");

    private QueryStrings() {
    }

    public static Arbitrary<String> queries() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, wellFormed()),
                net.jqwik.api.Tuple.of(4, structured()),
                net.jqwik.api.Tuple.of(1, noise()));
    }

    /** Queries a Pact client could send: one to three selectors on the seeded applications, maybe a target. */
    private static Arbitrary<String> wellFormed() {
        Arbitrary<String> selector = Combinators.combine(
                        Arbitraries.of("q[][pacticipant]=", "q%5B%5D%5Bpacticipant%5D="),
                        Arbitraries.of("order-service", "inventory-service", "nobody"),
                        Arbitraries.of("&q[][version]=1.0.0", "&q[][latest]=true", "&q[][tag]=prod", "&q[][branch]=main",
                                "&q[][mainBranch]=true", "&q%5B%5D%5Bversion%5D=2", ""))
                .as((key, name, rest) -> key + name + rest);
        Arbitrary<String> target = Arbitraries.of("", "&latestby=cvp", "&latestby=cvpv&latest=true",
                "&environment=production", "&tag=prod", "&mainBranch=true", "&limit=5", "&limit=0",
                "&pacticipant=order-service&version=1.0.0&environment=production",
                "&pacticipant=order-service&version=1.0.0&to=prod", "&pacticipant=order-service&version=9&to=prod");
        return Combinators.combine(selector.list().ofMinSize(1).ofMaxSize(3), target)
                .as((selectors, suffix) -> String.join("&", selectors) + suffix);
    }

    private static Arbitrary<String> structured() {
        Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.of(KEYS), token());
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.of(VALUES), token());
        Arbitrary<String> pair = Arbitraries.oneOf(
                Combinators.combine(key, value).as((k, v) -> k + "=" + v),
                key);
        return pair.list().ofMaxSize(12).map(pairs -> String.join("&", pairs));
    }

    private static Arbitrary<String> noise() {
        return Arbitraries.strings().withCharRange('!', '~').ofMaxLength(300);
    }

    /** Mostly characters a URI may hold, sometimes any visible ASCII. */
    private static Arbitrary<String> token() {
        return Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().withChars("-._~%!$'()*+,;:@/?[]").ofMaxLength(12),
                Arbitraries.strings().withCharRange('!', '~').ofMaxLength(12))
                .map(text -> text.replace("&", "").replace("=", "").replace("#", ""));
    }
}
