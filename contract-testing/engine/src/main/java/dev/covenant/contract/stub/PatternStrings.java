package dev.covenant.contract.stub;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A string matching a simple regular expression: literals, escapes ({@code \d \w \s}), character classes with
 * ranges, groups (first alternative), and quantifiers (their minimum, at least one for {@code +}). Anything the
 * walk cannot honour yields {@code null}; the result is always checked against the pattern itself.
 */
final class PatternStrings {

    private static final int MAX_LENGTH = 512;

    private PatternStrings() {
    }

    /** A matching string, or {@code null} when this simple walk finds none. */
    static String sample(String pattern) {
        if (pattern.length() > MAX_LENGTH) {
            return null;
        }
        try {
            StringBuilder out = new StringBuilder();
            int end = walk(pattern, 0, out);
            if (end < pattern.length()) {
                return null;
            }
            String candidate = out.toString();
            return Pattern.compile(pattern).matcher(candidate).find() && candidate.length() <= MAX_LENGTH ? candidate : null;
        } catch (PatternSyntaxException | IndexOutOfBoundsException | NumberFormatException e) {
            return null;
        }
    }

    /** Whether {@code value} matches {@code pattern} (anywhere, as JSON Schema reads patterns). */
    static boolean matches(String pattern, String value) {
        try {
            return Pattern.compile(pattern).matcher(value).find();
        } catch (PatternSyntaxException e) {
            return true; // a pattern Java cannot read is not held against the value
        }
    }

    /** Appends a sample of the sequence starting at {@code i} until {@code )} or the end; returns where it stopped. */
    private static int walk(String p, int i, StringBuilder out) {
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == ')') {
                return i;
            }
            if (c == '|') {
                return skipAlternatives(p, i);
            }
            if (c == '^' || c == '$') {
                i++;
                continue;
            }
            StringBuilder atom = new StringBuilder();
            int next;
            if (c == '(') {
                int start = i + 1;
                if (p.startsWith("?:", start)) {
                    start += 2;
                } else if (p.startsWith("?", start)) {
                    throw new IndexOutOfBoundsException("look-around or named group");
                }
                next = walk(p, start, atom) + 1;
            } else if (c == '[') {
                next = characterClass(p, i, atom);
            } else if (c == '\\') {
                atom.append(escape(p.charAt(i + 1)));
                next = i + 2;
            } else if (c == '.') {
                atom.append('a');
                next = i + 1;
            } else {
                atom.append(c);
                next = i + 1;
            }
            int[] repeat = new int[] {1};
            i = quantifier(p, next, repeat);
            out.append(atom.toString().repeat(repeat[0]));
        }
        return i;
    }

    /** At a {@code |}: skips the remaining alternatives of the current group. */
    private static int skipAlternatives(String p, int i) {
        int depth = 0;
        for (; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
        }
        return i;
    }

    private static int characterClass(String p, int i, StringBuilder atom) {
        int j = i + 1;
        boolean negated = p.charAt(j) == '^';
        if (negated) {
            j++;
        }
        char first = p.charAt(j) == '\\' ? escape(p.charAt(j + 1)) : p.charAt(j);
        int close = j + 1;
        while (p.charAt(close) != ']' || close == j) {
            close += p.charAt(close) == '\\' ? 2 : 1;
        }
        atom.append(negated ? (first == 'x' ? 'y' : 'x') : first);
        return close + 1;
    }

    private static char escape(char c) {
        return switch (c) {
            case 'd' -> '1';
            case 'w' -> 'a';
            case 's' -> ' ';
            case 'D', 'W', 'S' -> '-';
            default -> c;
        };
    }

    /** Reads a quantifier after an atom into {@code repeat[0]} (its minimum, at least one for + and *). */
    private static int quantifier(String p, int i, int[] repeat) {
        if (i >= p.length()) {
            return i;
        }
        char c = p.charAt(i);
        int next = i;
        if (c == '?' || c == '*') {
            repeat[0] = c == '?' ? 1 : 1;
            next = i + 1;
        } else if (c == '+') {
            next = i + 1;
        } else if (c == '{') {
            int close = p.indexOf('}', i);
            String[] bounds = p.substring(i + 1, close).split(",", -1);
            repeat[0] = Integer.parseInt(bounds[0].trim());
            if (repeat[0] == 0 && bounds.length > 1 && !bounds[1].isBlank()) {
                repeat[0] = Math.min(1, Integer.parseInt(bounds[1].trim()));
            }
            next = close + 1;
        }
        if (next < p.length() && (p.charAt(next) == '?' || p.charAt(next) == '+')) {
            next++; // lazy or possessive
        }
        repeat[0] = Math.min(repeat[0], MAX_LENGTH);
        return next;
    }
}
