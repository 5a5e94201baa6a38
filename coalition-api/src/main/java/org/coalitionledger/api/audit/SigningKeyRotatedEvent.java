package org.coalitionledger.api.audit;

import org.axonframework.serialization.Revision;

/**
 * The log's checkpoint signing key was rotated: from {@code validFromTreeSize} on, checkpoints are signed by
 * {@code newVerifierKey}, which {@code previousVerifierKey} introduced with a signed note (published in the key
 * chain). Recorded with the person who asked and why.
 *
 * @param origin              the log's origin
 * @param keyIndex            the new key's position in the chain (the first key is 0)
 * @param newVerifierKey      the new key, in verifier-key text form
 * @param previousVerifierKey the key it replaces
 * @param validFromTreeSize   the smallest tree size the new key signs
 * @param reason              why the key was rotated
 */
@Revision("1")
public record SigningKeyRotatedEvent(String origin, int keyIndex, String newVerifierKey, String previousVerifierKey,
        long validFromTreeSize, String reason) {
}
