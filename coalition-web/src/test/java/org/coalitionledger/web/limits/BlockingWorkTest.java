package org.coalitionledger.web.limits;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A read that fails on a worker is answered with its failure. One the JVM raises (out of memory) reaches the request
 * as an ordinary failure: Reactor's operators rethrow JVM errors on the thread that signals them instead of passing
 * them on (Exceptions.throwIfFatal), which left a verification that ran out of memory unanswered until its time
 * budget ran out.
 */
class BlockingWorkTest {

    private final BlockingWork work = new BlockingWork(2, 10);

    @AfterEach
    void stop() {
        work.destroy();
    }

    @Test
    void aReadThatRunsOutOfMemory_reachesTheRequest_asAnOrdinaryFailure() {
        String answered = work.call(() -> {
            throw new OutOfMemoryError("Java heap space");
        }).map(Object::toString).onErrorResume(failure -> Mono.just("answered: " + failure))
                .block(Duration.ofSeconds(20));
        assertThat(answered).isEqualTo("answered: java.lang.IllegalStateException: the read failed: "
                + "java.lang.OutOfMemoryError: Java heap space");
    }

    @Test
    void aReadThatFails_isAnsweredWithItsOwnFailure() {
        assertThatThrownBy(() -> work.call(() -> {
            throw new IllegalArgumentException("no such coalition");
        }).block(Duration.ofSeconds(20))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no such coalition");
        assertThat(work.call(() -> 42).block(Duration.ofSeconds(20))).isEqualTo(42);
    }
}
