package dev.covenant.examples.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commands of a document's fenced {@code sh} blocks, as a reader copies them: one command per line, lines ending
 * in a backslash joined with the next, in the order they appear. The README's tour and docs/tutorial.md are read
 * this way by the tests that run them ({@link ReadmeTourTest}, {@link TutorialTest}).
 */
final class DocCommands {

    private static final Pattern SH_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);
    /** {@code <placeholder>}: angle brackets around words, outside a trailing comment. */
    private static final Pattern PLACEHOLDER = Pattern.compile("<[^>\\s]*[a-z][^>]*>");

    private DocCommands() {
    }

    /** A command as written, and the {@code ##} heading it stands under. */
    record Command(String text, String section) {
        /** Whether it has a {@code <placeholder>} for the reader to fill in (so it cannot run as written). */
        boolean placeholder() {
            return PLACEHOLDER.matcher(text.replaceAll("#.*", "")).find();
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** The commands of the document between the line starting {@code from} and the one starting {@code to}. */
    static List<Command> between(Path markdown, String from, String to) throws IOException {
        String text = Files.readString(markdown);
        int start = text.indexOf(from);
        if (start < 0) {
            throw new IllegalStateException(markdown + " has no '" + from + "'");
        }
        int end = to == null ? text.length() : text.indexOf(to, start);
        return commands(text.substring(start, end < 0 ? text.length() : end));
    }

    /** Every command of the document. */
    static List<Command> all(Path markdown) throws IOException {
        return commands(Files.readString(markdown));
    }

    private static List<Command> commands(String markdown) {
        List<Command> commands = new ArrayList<>();
        Matcher block = SH_BLOCK.matcher(markdown);
        while (block.find()) {
            String section = section(markdown, block.start());
            StringBuilder command = new StringBuilder();
            for (String line : block.group(1).split("\\n")) {
                command.append(line.strip());
                if (line.stripTrailing().endsWith("\\")) {
                    command.setLength(command.length() - 1);
                    String joined = command.toString().stripTrailing();
                    command.setLength(0);
                    command.append(joined).append(' ');
                    continue;
                }
                if (!command.toString().isBlank()) {
                    commands.add(new Command(command.toString().strip(), section));
                }
                command.setLength(0);
            }
        }
        return commands;
    }

    private static String section(String markdown, int at) {
        int heading = markdown.lastIndexOf("\n## ", at);
        if (heading < 0) {
            return "";
        }
        int end = markdown.indexOf('\n', heading + 1);
        return markdown.substring(heading + 4, end).strip();
    }
}
