package dev.covenant.cli;

/** Escaping for text placed in Markdown table cells. */
final class Markdown {

    private Markdown() {
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")
                .replace("<", "&lt;").replace(">", "&gt;");
    }
}
