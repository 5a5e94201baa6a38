package org.coalitionledger.support;

import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingMethod;
import reactor.blockhound.BlockingOperationError;
import reactor.blockhound.integration.BlockHoundIntegration;

import java.util.ArrayList;
import java.util.List;

/**
 * The blocking-call detector every coalition-web test runs under. {@code blockhound-junit-platform} installs
 * BlockHound before the first test; BlockHound finds this class through {@code META-INF/services}. A blocking call on
 * a non-blocking thread (Netty's event loops, Reactor's parallel and single schedulers) throws
 * {@link BlockingOperationError} where it happens and is also remembered here, so that {@link NoBlockingCalls} fails
 * the test even when the code that blocked swallowed the error (or it surfaced only as a 500 or a closed
 * connection).
 * <p>
 * The allowances below are the only ones; each says why the call is harmless.
 */
public class BlockingCalls implements BlockHoundIntegration {

    private static final List<String> SEEN = new ArrayList<>();

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.blockingMethodCallback(BlockingCalls::report);
        // Random bytes (request ids are random UUIDs) come from the kernel's /dev/urandom through a buffered read
        // that never waits: urandom does not block once the kernel is seeded, which is long before the server starts.
        // Only this read is allowed: seeding (generateSeed, from /dev/random) stays reported.
        builder.allowBlockingCallsInside("sun.security.provider.NativePRNG$RandomIO", "implNextBytes");
        // A resource bundle (Bean Validation's messages, for the first invalid body) is read from its jar once, then
        // the JDK keeps it: the same one-time cost as loading a class. Only the load on a cache miss is allowed.
        builder.allowBlockingCallsInside("java.util.ResourceBundle$Control", "newBundle");
        // Jackson builds a type's deserializer once, under a lock held only while it is built (no I/O): two requests
        // for a type not seen before may meet there for a moment, then the cached deserializer needs no lock.
        builder.allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache",
                "_createAndCacheValueDeserializer");
        // Hibernate Validator builds a class's constraint metadata once (reflection, no I/O) and caches it under a
        // short segment lock: two requests validating a body type not seen before may meet there for a moment (seen
        // in CI as a 500 of one of two parallel first writes), then the cached metadata needs no lock.
        builder.allowBlockingCallsInside("org.hibernate.validator.internal.metadata.BeanMetaDataManagerImpl",
                "getBeanMetaData");
        // Netty's own buffer allocator takes a short lock (no I/O) when it grows its pool of buffer magazines, on
        // the event loop that writes: Netty's code, not ours, and bounded by the allocator's own work.
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines");
        // Handing a read to the worker pool (BlockingWork) takes the pool queue's lock for the enqueue alone (no I/O,
        // no waiting for a worker): two event loops handing work over at once may meet there for a moment. Reported,
        // the error was thrown from inside the lock's acquire and left the lock's wait queue broken, so every worker
        // then waited on it for good and each later read ran out of its time budget.
        builder.allowBlockingCallsInside("java.util.concurrent.ThreadPoolExecutor", "execute");
    }

    private static void report(BlockingMethod method) {
        BlockingOperationError error = new BlockingOperationError(method);
        synchronized (SEEN) {
            SEEN.add(Thread.currentThread().getName() + ": " + error.getMessage());
        }
        throw error;
    }

    /** The blocking calls seen since the last call, forgotten now. */
    public static List<String> takeSeen() {
        synchronized (SEEN) {
            List<String> seen = List.copyOf(SEEN);
            SEEN.clear();
            return seen;
        }
    }
}
