package org.coalitionledger.log;

/**
 * The log cannot answer yet (no checkpoint signed, or the published views did not answer in time). The web maps it
 * to a client-visible status; it is never a fault of the ledger.
 */
public class LogUnavailableException extends RuntimeException {

    /** Whether asking again later may help (true) or the thing asked for does not exist (false). */
    private final boolean transientCondition;

    public LogUnavailableException(String message, boolean transientCondition, Throwable cause) {
        super(message, cause);
        this.transientCondition = transientCondition;
    }

    public boolean isTransient() {
        return transientCondition;
    }
}
