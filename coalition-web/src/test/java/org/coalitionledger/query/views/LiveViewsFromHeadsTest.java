package org.coalitionledger.query.views;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.coalitionledger.api.view.CoalitionLedgerFold;
import org.coalitionledger.api.view.FindGoalProgressQuery;
import org.coalitionledger.api.view.FindRestatementsQuery;
import org.coalitionledger.api.view.FindYearOverYearQuery;
import org.coalitionledger.api.view.YearBasis;
import org.coalitionledger.api.view.YearOverYearView;
import org.coalitionledger.support.LedgerApplicationTest;
import org.coalitionledger.web.api.ApiFixtures;
import org.coalitionledger.web.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Live views under steady reporting, on the whole application over HTTP: after new records only, a view reads those
 * records and carries the coalition's held head forward; after a correction of an earlier record or a membership
 * fact it reads every record once; a live subscription's update reads as a view does; the trail reads no record.
 * Every answer is the whole fold's. Rows read are
 * counted ({@link ViewRows#recordRowsRead}), never timed.
 */
@LedgerApplicationTest
class LiveViewsFromHeadsTest {

    static final String C = "/api/v1/coalitions/";

    @LocalServerPort
    int port;
    @Autowired
    ViewRows rows;
    @Autowired
    CoalitionViewsQueries queries;
    @Autowired
    QueryGateway queryGateway;

    WebTestClient client(String token) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .defaultHeader("Authorization", "Bearer " + token).build();
    }

    @Test
    void newRecordsOnly_areReadAlone_aCorrectionOrAMembershipFact_readsEveryRecordOnce_theTrailNone() {
        String id = ApiFixtures.freshId("heads");
        client(TestTokens.ADMIN).post().uri("/api/v1/coalitions").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiFixtures.foundCoalition(id)).exchange().expectStatus().isCreated();
        long listings = 0;
        for (int i = 0; i < 20; i++) {
            listings += batch(id, i);
        }
        shows(id, listings);
        assertSameAsTheWholeFold(id);

        long read = rowsReadBy(() -> {
            batch(id, 20);
            batch(id, 21);
            shows(id, 20 * 21 / 2 + 21 + 22);
        });
        assertThat(read).as("the two new records").isEqualTo(2);
        assertSameAsTheWholeFold(id);

        // A correction of an earlier record: every record, once.
        client(TestTokens.ADMIN).post().uri(C + id + "/records/{record}/corrections", id + "-b0")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"listingsRemoved\": 1001, \"adsBlocked\": 0, "
                        + "\"accountsRemoved\": 0, \"reason\": \"recount\"}").exchange().expectStatus().is2xxSuccessful();
        long total = 20 * 21 / 2 + 21 + 22 - 1 + 1001;
        assertThat(rowsReadBy(() -> shows(id, total))).as("the corrected record, then all 22").isEqualTo(1 + 22);
        assertSameAsTheWholeFold(id);
        assertThat(rowsReadBy(() -> batchShown(id, 22, total))).as("the new record").isEqualTo(1);

        // A membership fact: every record, once.
        client(TestTokens.ADMIN).post().uri(C + id + "/members").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiFixtures.join("initech", "2020-03-01")).exchange().expectStatus().isCreated();
        assertThat(rowsReadBy(() -> await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(calendarYears(id).rows().get(0).membersAtYearEnd()).isEqualTo(3)))).isEqualTo(23);
        assertSameAsTheWholeFold(id);

        // A live subscription's update after a batch: from the held head, reading the new record alone.
        SubscriptionQueryResult<YearOverYearView, YearOverYearView> subscription = queryGateway.subscriptionQuery(
                new FindYearOverYearQuery(id, YearBasis.CALENDAR_YEAR, null, null),
                ResponseTypes.instanceOf(YearOverYearView.class), ResponseTypes.instanceOf(YearOverYearView.class));
        try {
            long[] updated = new long[1];
            assertThat(rowsReadBy(() -> {
                batch(id, 23);
                updated[0] = subscription.updates().blockFirst(Duration.ofSeconds(30)).rows().get(0).figures()
                        .listingsRemoved();
            })).as("the new record").isEqualTo(1);
            assertThat(updated[0]).isEqualTo(total + 23 + 24);
        } finally {
            subscription.close();
        }
        assertSameAsTheWholeFold(id);

        // The trail: the restatement rows alone.
        assertThat(rowsReadBy(() -> assertThat(queries.handle(new FindRestatementsQuery(id, null, null))
                .restatements()).singleElement().satisfies(r -> assertThat(r.recordId()).isEqualTo(id + "-b0"))))
                .isZero();
    }

    private long batch(String id, int n) {
        client(TestTokens.ADMIN).post().uri(C + id + "/takedown-batches").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiFixtures.takedownBatch(id + "-b" + n, "2020-02-01", "2020-02-28", n + 1))
                .exchange().expectStatus().isCreated();
        return n + 1;
    }

    private void batchShown(String id, int n, long before) {
        shows(id, before + batch(id, n));
    }

    /** Reads the live calendar-year view until it shows the listings. */
    private void shows(String id, long listings) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(calendarYears(id).rows().get(0)
                .figures().listingsRemoved()).isEqualTo(listings));
    }

    /** The live calendar-year view; an assertion error while the coalition's founding is not in the views yet. */
    private YearOverYearView calendarYears(String id) {
        YearOverYearView view = queries.handle(new FindYearOverYearQuery(id, YearBasis.CALENDAR_YEAR, null, null));
        assertThat(view).as("the coalition in the live views").isNotNull();
        return view;
    }

    private void assertSameAsTheWholeFold(String id) {
        CoalitionLedgerFold whole = queries.live(id).orElseThrow();
        for (YearBasis basis : YearBasis.values()) {
            assertThat(queries.handle(new FindYearOverYearQuery(id, basis, null, null)))
                    .isEqualTo(whole.yearOverYear(basis));
        }
        assertThat(queries.handle(new FindGoalProgressQuery(id, null, null))).isEqualTo(whole.goalProgress());
        assertThat(queries.handle(new FindRestatementsQuery(id, null, null)).restatements())
                .isEqualTo(whole.restatements());
    }

    private long rowsReadBy(Runnable reads) {
        long before = rows.recordRowsRead();
        reads.run();
        return rows.recordRowsRead() - before;
    }
}
