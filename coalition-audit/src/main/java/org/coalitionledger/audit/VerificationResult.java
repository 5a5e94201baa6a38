package org.coalitionledger.audit;

import java.util.Objects;

/**
 * The outcome of checking a proof: either valid, or invalid with a reason an auditor can act on.
 *
 * @param valid  whether the proof verified
 * @param reason why it did not verify; "verified" when it did
 */
public record VerificationResult(boolean valid, String reason) {

    private static final VerificationResult VALID = new VerificationResult(true, "verified");

    public VerificationResult {
        Objects.requireNonNull(reason, "reason");
    }

    public static VerificationResult verified() {
        return VALID;
    }

    public static VerificationResult failed(String reason) {
        return new VerificationResult(false, reason);
    }
}
