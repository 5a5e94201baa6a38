package org.coalitionledger.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole application for tests that break what the readiness and liveness probes watch (a stopped processor, a
 * signing key this node lacks): its own H2 database, so the shared {@link LedgerApplicationTest} context is never
 * touched, no first-year history, and readiness limits of three events of lag and ten seconds of age, so a few
 * writes, or one left unprocessed for a while, reach them. The classes with exactly this annotation share one
 * context; each test puts back what it broke.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"coalition.data-dir=./target/test-data/probe-faults-${random.uuid}",
                "coalition.first-year-history.enabled=false",
                "coalition.health.max-lag=3",
                "coalition.health.max-age=PT10S"})
@ActiveProfiles("test")
public @interface ProbeFaultsApplicationTest {
}
