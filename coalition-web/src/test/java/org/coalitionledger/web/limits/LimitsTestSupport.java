package org.coalitionledger.web.limits;

/** The test profile's bootstrap tokens: three credentials of their own, each a reader of the views. */
final class LimitsTestSupport {

    static final String ADMIN = "test-admin-token-0123456789";
    static final String PARTNER = "test-partner-token-0123456789";
    static final String AUDITOR = "test-auditor-token-0123456789";

    private LimitsTestSupport() {
    }
}
