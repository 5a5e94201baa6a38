package org.coalitionledger.web.guard;

import io.netty.channel.nio.NioEventLoopGroup;
import org.coalitionledger.support.BlockingCalls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The blocking-call detector is on in every coalition-web test run: a deliberate blocking call on a non-blocking
 * thread is reported (the call fails with {@link BlockingOperationError}) and remembered, so the test that caused it
 * fails even when the error is swallowed. The same call on a worker pool is fine.
 */
class BlockingCallDetectorTest {

    @AfterEach
    void forgetTheDeliberateCalls() {
        // These tests block on purpose; support.NoBlockingCalls would otherwise fail them after they passed.
        BlockingCalls.takeSeen();
    }

    @Test
    void sleepOnReactorsParallelScheduler_rejected_asABlockingCall() {
        StepVerifier.create(Mono.delay(Duration.ofMillis(1)).doOnNext(tick -> sleep()))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(BlockingOperationError.class)
                        .hasMessageContaining("java.lang.Thread.sleep"))
                .verify(Duration.ofSeconds(10));
        assertThat(BlockingCalls.takeSeen()).singleElement().asString()
                .startsWith("parallel-").contains("java.lang.Thread.sleep");
    }

    @Test
    void sleepOnANettyEventLoop_rejected_asABlockingCall() throws Exception {
        NioEventLoopGroup loop = new NioEventLoopGroup(1);
        try {
            assertThatThrownBy(() -> loop.submit(BlockingCallDetectorTest::sleep).get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(BlockingOperationError.class);
        } finally {
            loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        }
        assertThat(BlockingCalls.takeSeen()).singleElement().asString().contains("java.lang.Thread.sleep");
    }

    @Test
    void sleepOnTheBoundedElasticWorkers_accepted() {
        StepVerifier.create(Mono.fromRunnable(BlockingCallDetectorTest::sleep).subscribeOn(Schedulers.boundedElastic())
                        .then(Mono.just("done")))
                .expectNext("done").verifyComplete();
        assertThat(BlockingCalls.takeSeen()).isEmpty();
    }

    private static void sleep() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
