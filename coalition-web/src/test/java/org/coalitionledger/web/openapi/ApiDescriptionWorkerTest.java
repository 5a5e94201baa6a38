package org.coalitionledger.web.openapi;

import org.coalitionledger.support.LedgerApplicationTest;
import org.junit.jupiter.api.Test;
import org.springdoc.api.AbstractOpenApiResource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A request for the API description while springdoc holds its lock (as its build at start-up does) waits for the
 * lock on a worker thread: the request queues on the lock and is answered once it is free. On the event loop the
 * blocking-call detector (support.NoBlockingCalls) would fail it at once, and it would never queue.
 */
@LedgerApplicationTest
class ApiDescriptionWorkerTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void aRequestForTheApiDescription_whileItsLockIsHeld_waitsOffTheEventLoop_andIsAnswered() throws Exception {
        AbstractOpenApiResource resource = context.getBeansOfType(AbstractOpenApiResource.class).values().iterator()
                .next();
        // springdoc's own lock around building and reading the description.
        ReentrantLock lock = (ReentrantLock) ReflectionTestUtils.getField(resource, "reentrantLock");
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(60)).build();
        CompletableFuture<Integer> status;
        lock.lock();
        try {
            status = CompletableFuture.supplyAsync(() -> client.get().uri(ApiDescriptionWorker.PATH).exchange()
                    .returnResult(String.class).getStatus().value());
            await().atMost(Duration.ofSeconds(30)).until(lock::hasQueuedThreads);
            assertThat(status).isNotDone();
        } finally {
            lock.unlock();
        }
        assertThat(status.get()).isEqualTo(200);
    }
}
