package dev.covenant.contract.openapi;

/**
 * One reason a document was refused, located where possible.
 *
 * @param pointer JSON pointer into the document ({@code ""} is the root), or null when unknown
 * @param line    1-based line in the document as published, or null when unknown
 * @param message what is wrong, for a person
 */
public record DocumentProblem(String pointer, Integer line, String message) {

    public DocumentProblem withLine(Integer newLine) {
        return new DocumentProblem(pointer, newLine, message);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (line != null) {
            text.append("line ").append(line).append(": ");
        }
        if (pointer != null) {
            text.append(pointer.isEmpty() ? "(root)" : pointer).append(": ");
        }
        return text.append(message).toString();
    }
}
