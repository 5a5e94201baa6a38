package org.coalitionledger.web.health;

import org.coalitionledger.web.limits.Uninterrupted;
import org.springframework.boot.health.contributor.Health;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Runs a probe's blocking check (JDBC, a synchronized key store) on the bounded elastic threads, never on the
 * HTTP event loop, and answers DOWN if it neither succeeds nor fails within the time given: a probe that hangs
 * would tell the orchestrator nothing. A check given up on is not interrupted ({@link Uninterrupted}: an interrupt
 * during H2's file I/O closes the database); its own query timeout ends it.
 */
final class BlockingCheck {

    private BlockingCheck() {
    }

    static Mono<Health> run(Callable<Health> check, Duration within) {
        return Mono.fromCallable(check)
                .subscribeOn(Uninterrupted.SCHEDULER)
                .onErrorResume(e -> Mono.just(Health.down().withDetail("error", describe(e)).build()))
                .timeout(within, Mono.fromSupplier(() -> Health.down()
                        .withDetail("error", "no answer within " + within).build()));
    }

    /** The failure's kind and message; shown only to callers allowed health details (README, Operations). */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message.strip());
    }
}
