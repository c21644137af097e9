package dev.covenant.registry.system;

/** The caller is known but may not do this (another team's application, a role too small); nothing was changed. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
