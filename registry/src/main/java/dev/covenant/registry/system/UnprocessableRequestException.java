package dev.covenant.registry.system;

/**
 * The request is well-formed but asks for something the resource cannot do (422), e.g. setting a deployment's
 * {@code currentlyDeployed} back to true, which the Pact Broker answers with 422 too.
 */
public class UnprocessableRequestException extends InvalidRequestException {

    public UnprocessableRequestException(String field, String message) {
        super(field, message);
    }
}
