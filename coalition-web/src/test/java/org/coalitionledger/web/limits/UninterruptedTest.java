package org.coalitionledger.web.limits;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that goes away while its request's blocking work runs must not interrupt that work: it finishes, and no
 * interrupt is left behind for the thread's next task.
 */
class UninterruptedTest {

    /** Runs blocking work on {@code scheduler}, cancels the subscription mid-way, and reports how the work ended. */
    private static String cancelMidWay(Scheduler scheduler) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        AtomicReference<String> outcome = new AtomicReference<>();
        Disposable subscription = Mono.fromCallable(() -> {
            started.countDown();
            try {
                release.await();
                outcome.set(Thread.currentThread().isInterrupted() ? "finished, interrupted" : "finished");
            } catch (InterruptedException e) {
                outcome.set("interrupted");
            } finally {
                ended.countDown();
            }
            return "done";
        }).subscribeOn(scheduler).subscribe();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        // An interrupting scheduler interrupts the thread within dispose(), before the work is released.
        subscription.dispose();
        release.countDown();
        assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
        return outcome.get();
    }

    @Test
    void cancelledWork_runsToItsEnd_uninterrupted() throws InterruptedException {
        assertThat(cancelMidWay(Uninterrupted.SCHEDULER)).isEqualTo("finished");
        // Why it exists: Reactor's bounded elastic scheduler interrupts the thread of a cancelled task.
        assertThat(cancelMidWay(Schedulers.boundedElastic())).isEqualTo("interrupted");
    }

    @Test
    void webCode_schedulesBlockingWorkOnlyThroughUninterruptedOrTheReadPool() {
        ArchRule rule = noClasses().that().resideInAPackage("org.coalitionledger.web..")
                .and().doNotHaveFullyQualifiedName(Uninterrupted.class.getName())
                .should().callMethod(Schedulers.class, "boundedElastic")
                .because("a cancelled subscription on Reactor's bounded elastic scheduler interrupts its thread");
        rule.check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.coalitionledger.web"));
    }
}
