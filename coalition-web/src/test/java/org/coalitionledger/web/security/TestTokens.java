package org.coalitionledger.web.security;

/** The bearer tokens the test profile seeds (application-test.yml). */
public final class TestTokens {

    public static final String ADMIN = "test-admin-token-0123456789";
    public static final String PARTNER = "test-partner-token-0123456789";
    public static final String AUDITOR = "test-auditor-token-0123456789";
    public static final String MONITOR = "test-monitor-token-0123456789";

    private TestTokens() {
    }

    public static String of(Role role) {
        return switch (role) {
            case ADMIN -> ADMIN;
            case PARTNER -> PARTNER;
            case AUDITOR -> AUDITOR;
            case MONITOR -> MONITOR;
        };
    }
}
