package org.coalitionledger.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole application on the real event store: an H2 file database of its own under target/, the first-year
 * history loaded, a random HTTP port. Every test class with exactly this annotation shares one Spring context
 * (one Axon configuration), so add properties here, never on a single test class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "coalition.data-dir=./target/test-data/h2-${random.uuid}")
@ActiveProfiles("test")
public @interface LedgerApplicationTest {
}
