package org.coalitionledger.query.views;

import org.coalitionledger.support.LedgerApplicationTest;
import org.coalitionledger.web.api.ApiFixtures;
import org.coalitionledger.web.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A change number is taken with the coalition's founding row locked: a second writer of the same coalition (a dead
 * letter's retry beside its segment) waits for the first to commit and takes the next number, so no two changes
 * are numbered alike (a held head would miss the rows of one of them).
 */
@LedgerApplicationTest
class ChangeNumbersTest {

    @LocalServerPort
    int port;
    @Autowired
    ViewRows rows;
    @Autowired
    ViewGenerations generations;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aSecondWriterOfTheCoalition_waitsForTheFirstsChange_andTakesTheNextNumber() throws Exception {
        String id = ApiFixtures.freshId("numbers");
        WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build().post().uri("/api/v1/coalitions")
                .headers(h -> h.setBearerAuth(TestTokens.ADMIN)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiFixtures.foundCoalition(id)).exchange().expectStatus().isCreated();
        long generation = generations.published();
        await().atMost(Duration.ofSeconds(30)).until(() -> rows.changeCount(generation, id) != null);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        CountDownLatch numbered = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Long> first = threads.submit(() -> tx.execute(status -> {
                long number = rows.nextChangeNo(generation, id);
                numbered.countDown();
                await().atMost(Duration.ofSeconds(30)).until(() -> commit.getCount() == 0);
                rows.countChange(generation, id);
                return number;
            }));
            assertThat(numbered.await(30, TimeUnit.SECONDS)).isTrue();
            Future<Long> second = threads.submit(() -> tx.execute(status -> rows.nextChangeNo(generation, id)));
            // Without the lock the second would be numbered at once, like the first; with it, it waits.
            await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(1)).until(() -> true);
            assertThat(second.isDone()).as("the second writer waits for the first").isFalse();
            commit.countDown();
            assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(first.get(30, TimeUnit.SECONDS) + 1);
        } finally {
            commit.countDown();
            threads.shutdownNow();
        }
    }
}
