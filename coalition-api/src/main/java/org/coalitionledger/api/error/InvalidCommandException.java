package org.coalitionledger.api.error;

/** A command whose shape is wrong: thrown by a command's compact constructor, before anything is dispatched. */
public class InvalidCommandException extends IllegalArgumentException {

    private final CoalitionErrorCode code;

    public InvalidCommandException(CoalitionErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public CoalitionErrorCode code() {
        return code;
    }
}
