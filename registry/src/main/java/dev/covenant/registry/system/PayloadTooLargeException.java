package dev.covenant.registry.system;

/** A request body is over its configured cap. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(long limit) {
        super("The request body is larger than the limit of " + limit + " bytes");
    }
}
