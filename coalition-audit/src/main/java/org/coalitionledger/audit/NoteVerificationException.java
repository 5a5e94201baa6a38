package org.coalitionledger.audit;

/** A signed note or checkpoint was not accepted; the message says exactly why. */
public class NoteVerificationException extends Exception {

    private static final long serialVersionUID = 1L;

    public NoteVerificationException(String message) {
        super(message);
    }

    public NoteVerificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
