package org.coalitionledger.api.admin;

/**
 * Administrative acts (rebuilds, API keys, ...) are facts like any other, each stored on a stream of its own whose
 * aggregate identifier starts with {@link #PREFIX}, so auditors can page through them apart from the coalitions'.
 * {@code :} is not allowed in client ids, so no coalition or record stream can look like one.
 */
public final class AdminStreams {

    public static final String PREFIX = "admin:";
    public static final String API_KEY_PREFIX = PREFIX + "api-key:";

    private AdminStreams() {
    }

    /** The stream of one views rebuild. */
    public static String viewsRebuild(String rebuildId) {
        return PREFIX + "views-rebuild:" + rebuildId;
    }

    /** The stream of the signing key of this position in the log's key chain (one rotation each). */
    public static String signingKey(int keyIndex) {
        return PREFIX + "signing-key:" + keyIndex;
    }

    /** The stream of one named API key: its issue and its revocation. */
    public static String apiKey(String keyId) {
        return API_KEY_PREFIX + keyId;
    }

    /** The stream of one dead letter: every retry and the eviction an administrator asked for. */
    public static String deadLetter(String deadLetterId) {
        return PREFIX + "dead-letter:" + deadLetterId;
    }

    public static boolean isAdministrative(String aggregateId) {
        return aggregateId != null && aggregateId.startsWith(PREFIX);
    }
}
