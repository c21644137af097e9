package dev.covenant.contract.pact;

/** A pact file that cannot be read as a pact; the message says why, in one line, for the user. */
public class InvalidPactException extends RuntimeException {

    public InvalidPactException(String message) {
        super(message);
    }
}
