package org.coalitionledger.audit.verifier;

import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.coalitionledger.audit.bundle.BundleEntry;
import org.coalitionledger.audit.bundle.BundleEvent;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The offline verifier reads a bundled payload only into one of the ledger's own event classes: a bundle naming any
 * other type fails verification with a problem naming the event, and that class is never loaded.
 */
class KnownEventTypesVerificationTest {

    private static final String PLANTED = "org.coalitionledger.audit.verifier.Gadgets$PlantedGadget";
    private static final String CONTROL = "org.coalitionledger.audit.verifier.Gadgets$ControlGadget";

    private final TestLedger ledger = TestLedger.firstYear();
    private final TestLedger.TestBundle honest = ledger.bundle();

    @Test
    void bundleNamingAJdkClass_rejected_namingTheEvent() {
        BundleVerification.Report report = verify(naming(3, "java.lang.ProcessBuilder"));
        String revision = honest.entries().get(3).event().payloadRevision();

        assertThat(report.verified()).isFalse();
        assertThat(report.problems()).contains("leaf 3: cannot fold its event into the views: event event-4 "
                + "(global index 4) names "
                + "payload type 'java.lang.ProcessBuilder' revision '" + revision + "', which is not one of the "
                + "ledger's event "
                + "types: refused as tampering, nothing was loaded");
    }

    @Test
    void bundleNamingAnotherClass_rejected_andThatClassIsNeverLoaded() {
        var spy = new Gadgets.RecordingClassLoader(Thread.currentThread().getContextClassLoader());

        BundleVerification.Report report = withContextClassLoader(spy, () -> verify(naming(2, PLANTED)));

        assertThat(report.problems()).anySatisfy(problem -> assertThat(problem)
                .contains("event event-3 (global index 3) names payload type '" + PLANTED + "'")
                .contains("refused as tampering"));
        assertThat(Gadgets.INITIALISED).doesNotContain(PLANTED);
        assertThat(spy.asked).doesNotContain(PLANTED);
    }

    @Test
    void withoutTheAllowList_axonsSerializer_wouldLoadTheNamedClass() {
        // The control for the test above: reading the same row with a plain serializer loads and initialises the
        // class it names, and asks the context class loader for it, so both checks above would see it.
        var spy = new Gadgets.RecordingClassLoader(Thread.currentThread().getContextClassLoader());
        Jackson3Serializer plain = Jackson3Serializer.builder().build();

        Object read = withContextClassLoader(spy, () -> plain.deserialize(new SimpleSerializedObject<>(
                "{}".getBytes(StandardCharsets.UTF_8), byte[].class, CONTROL, "1")));

        assertThat(read.getClass().getName()).isEqualTo(CONTROL);
        assertThat(Gadgets.INITIALISED).contains(CONTROL);
        assertThat(spy.asked).contains(CONTROL);
    }

    private TestLedger.TestBundle naming(int index, String payloadType) {
        List<BundleEntry> entries = new ArrayList<>(honest.entries());
        BundleEvent e = entries.get(index).event();
        entries.set(index, new BundleEntry(entries.get(index).leaf(), new BundleEvent(e.globalIndex(), e.eventId(),
                e.aggregateType(), e.aggregateId(), e.sequenceNumber(), payloadType, e.payloadRevision(),
                e.timestamp(), e.payload(), e.metadata())));
        return honest.withEntries(entries);
    }

    private BundleVerification.Report verify(TestLedger.TestBundle bundle) {
        return BundleVerification.verify(new ByteArrayInputStream(bundle.bytes()), ledger.verifierKey, null,
                line -> { });
    }

    private static <T> T withContextClassLoader(ClassLoader loader, Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(original);
        }
    }
}
