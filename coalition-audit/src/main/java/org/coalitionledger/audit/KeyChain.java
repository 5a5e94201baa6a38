package org.coalitionledger.audit;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The log's signing keys over time, each introduced by the one before it. The first key is the one an auditor
 * trusts (obtained independently of the server); every later key comes with an introduction: a signed note, signed
 * by the previous key, naming the new key and the first tree size it signs. A checkpoint of size n is valid only
 * under the key whose range holds n, so a swapped key signs nothing a verifier accepts, and a rotation never
 * invalidates what was signed before it.
 *
 * <pre>
 * introduction text = "coalition-ledger/key-introduction/v1\n" origin "\n" new verifier key "\n"
 *                     first tree size it signs (decimal) "\n"
 * </pre>
 */
public final class KeyChain {

    /** The first line of every key introduction. */
    public static final String INTRODUCTION_TAG = "coalition-ledger/key-introduction/v1";

    /**
     * One key of the chain as published.
     *
     * @param verifierKey   the key, in verifier-key text form
     * @param validFrom     the smallest tree size this key signs checkpoints for (0 for the first key)
     * @param introduction  the signed note by the previous key introducing this one; null for the first key
     */
    public record Link(String verifierKey, long validFrom, String introduction) {
        public Link {
            Objects.requireNonNull(verifierKey, "verifierKey");
            if (validFrom < 0) {
                throw new IllegalArgumentException("validFrom must not be negative: " + validFrom);
            }
        }
    }

    private final List<NoteVerifierKey> keys;
    private final List<Long> validFrom;
    private final List<Link> links;

    private KeyChain(List<NoteVerifierKey> keys, List<Long> validFrom, List<Link> links) {
        this.keys = List.copyOf(keys);
        this.validFrom = List.copyOf(validFrom);
        this.links = List.copyOf(links);
    }

    /** A chain of one key: nothing rotated yet. */
    public static KeyChain of(NoteVerifierKey firstKey) {
        return new KeyChain(List.of(firstKey), List.of(0L), List.of(new Link(firstKey.toText(), 0, null)));
    }

    /** The introduction text of {@code newKey}, valid from tree size {@code validFrom}, in the log {@code origin}. */
    public static String introductionText(String origin, NoteVerifierKey newKey, long validFrom) {
        return INTRODUCTION_TAG + "\n" + origin + "\n" + newKey.toText() + "\n" + validFrom + "\n";
    }

    /**
     * This chain with {@code newKey} appended, introduced by a note {@code currentKeyPair} (the last key of the chain)
     * signs now.
     */
    public KeyChain rotate(String origin, KeyPair currentKeyPair, NoteVerifierKey newKey, long newValidFrom) {
        NoteVerifierKey current = last();
        if (!NoteVerifierKey.of(current.name(), currentKeyPair.getPublic()).equals(current)) {
            throw new IllegalArgumentException("only the chain's current key can introduce the next one");
        }
        if (newValidFrom < validFrom.get(validFrom.size() - 1)) {
            throw new IllegalArgumentException("a new key cannot take over before its predecessor: " + newValidFrom);
        }
        String note = SignedNote.sign(introductionText(origin, newKey, newValidFrom), current.name(), currentKeyPair);
        List<Link> extended = new ArrayList<>(links);
        extended.add(new Link(newKey.toText(), newValidFrom, note));
        try {
            return verify(keys.get(0), origin, extended);
        } catch (NoteVerificationException e) {
            throw new IllegalStateException("a chain this code just signed does not verify", e);
        }
    }

    /**
     * Follows published {@code links} from the trusted first key, checking every introduction with the key before it.
     *
     * @throws NoteVerificationException naming the first link that does not follow
     */
    public static KeyChain verify(NoteVerifierKey trustedFirstKey, String origin, List<Link> links)
            throws NoteVerificationException {
        if (links.isEmpty()) {
            throw new NoteVerificationException("the key chain is empty");
        }
        Link first = links.get(0);
        if (!first.verifierKey().equals(trustedFirstKey.toText())) {
            throw new NoteVerificationException("the chain starts with key " + first.verifierKey()
                    + ", not the trusted key " + trustedFirstKey.toText());
        }
        if (first.validFrom() != 0 || first.introduction() != null) {
            throw new NoteVerificationException("the first key must be valid from tree size 0 with no introduction");
        }
        List<NoteVerifierKey> keys = new ArrayList<>(List.of(trustedFirstKey));
        List<Long> from = new ArrayList<>(List.of(0L));
        for (int i = 1; i < links.size(); i++) {
            Link link = links.get(i);
            NoteVerifierKey previous = keys.get(i - 1);
            NoteVerifierKey next;
            try {
                next = NoteVerifierKey.parse(link.verifierKey());
            } catch (IllegalArgumentException e) {
                throw new NoteVerificationException("key " + i + " of the chain is malformed: " + e.getMessage());
            }
            if (link.validFrom() < from.get(i - 1)) {
                throw new NoteVerificationException("key " + i + " of the chain takes over at tree size "
                        + link.validFrom() + ", before its predecessor did (" + from.get(i - 1) + ")");
            }
            String text;
            try {
                text = SignedNote.open(link.introduction(), previous);
            } catch (NoteVerificationException e) {
                throw new NoteVerificationException("key " + i + " of the chain is not introduced by key " + (i - 1)
                        + " (" + previous.toText() + "): " + e.getMessage());
            }
            if (!text.equals(introductionText(origin, next, link.validFrom()))) {
                throw new NoteVerificationException("key " + i + "'s introduction signs other terms than the chain "
                        + "states (key, origin or tree size differ)");
            }
            keys.add(next);
            from.add(link.validFrom());
        }
        return new KeyChain(keys, from, links);
    }

    /** The key that signs checkpoints of {@code treeSize}: the last one valid from that size or earlier. */
    public NoteVerifierKey keyFor(long treeSize) {
        for (int i = keys.size() - 1; i >= 0; i--) {
            if (validFrom.get(i) <= treeSize) {
                return keys.get(i);
            }
        }
        return keys.get(0);
    }

    /** Opens a checkpoint note with the key valid at its tree size. */
    public Checkpoint open(String note, String origin) throws NoteVerificationException {
        Checkpoint unverified;
        try {
            unverified = Checkpoint.parseBody(note.substring(0, Math.max(0, note.lastIndexOf("\n\n") + 1)));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NoteVerificationException("checkpoint is malformed: " + e.getMessage());
        }
        return Checkpoint.open(note, keyFor(unverified.treeSize()), origin);
    }

    public NoteVerifierKey first() {
        return keys.get(0);
    }

    public NoteVerifierKey last() {
        return keys.get(keys.size() - 1);
    }

    public List<Link> links() {
        return links;
    }

    public int size() {
        return keys.size();
    }
}
