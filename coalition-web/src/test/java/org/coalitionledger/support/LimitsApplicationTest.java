package org.coalitionledger.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole application with small limits (README, Limits), so that tests reach them with a few requests: two live
 * streams per credential and three in all, each ended after fifteen seconds; a view as recorded at an instant and a
 * verification stopped after three seconds. Its own H2 database, no first-year history. The classes with exactly this annotation share
 * one context; the shared {@link LedgerApplicationTest} context keeps the default limits.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"coalition.data-dir=./target/test-data/limits-${random.uuid}",
                "coalition.first-year-history.enabled=false",
                "coalition.web.limits.live-streams.total=3",
                "coalition.web.limits.live-streams.per-credential=2",
                "coalition.web.limits.live-streams.max-lifetime=PT15S",
                "coalition.web.limits.historic-views.total=8",
                "coalition.web.limits.historic-views.per-credential=2",
                "coalition.web.limits.historic-views.time-budget=PT3S",
                "coalition.web.limits.verification.time-budget=PT3S",
                "coalition.web.limits.retry-after=PT7S"})
@ActiveProfiles("test")
public @interface LimitsApplicationTest {
}
