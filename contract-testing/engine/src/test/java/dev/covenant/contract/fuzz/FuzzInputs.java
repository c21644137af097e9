package dev.covenant.contract.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of hostile text: random bytes, syntax soup, and random edits of valid inputs. */
final class FuzzInputs {

    private FuzzInputs() {
    }

    /** Any bytes, short and long. */
    static Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(4096);
    }

    /** Concatenations of syntax fragments (YAML and JSON punctuation, anchors, tags, $refs, numbers, names). */
    static Arbitrary<String> syntaxSoup(List<String> vocabulary) {
        return Arbitraries.of(vocabulary).list().ofMaxSize(200).map(tokens -> String.join("", tokens));
    }

    /** The valid input with 1–8 random edits: a character deleted, inserted, replaced, or the rest cut off. */
    static Arbitrary<byte[]> mutationsOf(String valid) {
        Arbitrary<Edit> edit = Combinators.combine(
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.doubles().between(0, 1),
                        Arbitraries.oneOf(Arbitraries.chars().ascii(), Arbitraries.of('{', '}', '[', ']', ':', '"',
                                '\'', '&', '*', '!', '-', '\n', ' ', '\t', '#', '$', '%', '\\', '\u0000', '\u2028', '\uFFFF')))
                .as(Edit::new);
        return edit.list().ofMinSize(1).ofMaxSize(8).map(edits -> {
            StringBuilder text = new StringBuilder(valid);
            for (Edit e : edits) {
                e.apply(text);
            }
            return text.toString().getBytes(StandardCharsets.UTF_8);
        });
    }

    private record Edit(int kind, double where, char what) {

        void apply(StringBuilder text) {
            int at = (int) (where * text.length());
            switch (kind) {
                case 0 -> {
                    if (at < text.length()) {
                        text.deleteCharAt(at);
                    }
                }
                case 1 -> text.insert(at, what);
                case 2 -> {
                    if (at < text.length()) {
                        text.setCharAt(at, what);
                    }
                }
                default -> text.setLength(at);
            }
        }
    }
}
