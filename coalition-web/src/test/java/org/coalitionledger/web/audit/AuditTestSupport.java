package org.coalitionledger.web.audit;

import org.coalitionledger.support.LogCatchUp;
import org.coalitionledger.web.security.TestTokens;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.function.Consumer;


/** Shared steps of the audit tests: the auditor's token, and waiting for the log to catch up with the store. */
final class AuditTestSupport {

    /** Seeded by application-test.yml. */
    static final String AUDITOR_TOKEN = TestTokens.AUDITOR;

    private AuditTestSupport() {
    }

    /** A client of the running application on {@code port}; requests add the auditor's token themselves. */
    static WebTestClient client(int port) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(64 * 1024 * 1024))
                .build();
    }

    static Consumer<HttpHeaders> admin() {
        return headers -> headers.setBearerAuth(TestTokens.ADMIN);
    }

    static Consumer<HttpHeaders> auditor() {
        return headers -> headers.setBearerAuth(AUDITOR_TOKEN);
    }

    static WebTestClient.RequestHeadersSpec<?> get(WebTestClient client, String uri) {
        return client.get().uri(uri).headers(auditor());
    }

    /** Waits until every stored event has a leaf (the log runs asynchronously behind commits). */
    static long awaitLogCaughtUp(JdbcTemplate jdbc) {
        return LogCatchUp.await(jdbc);
    }
}
