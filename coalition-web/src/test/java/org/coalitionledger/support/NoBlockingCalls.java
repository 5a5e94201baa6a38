package org.coalitionledger.support;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

/**
 * Fails a test during which BlockHound saw a blocking call on a non-blocking thread ({@link BlockingCalls}), whether
 * or not the test itself noticed. Registered for every test through {@code META-INF/services} (extension
 * auto-detection is on in {@code junit-platform.properties}).
 */
public class NoBlockingCalls implements AfterEachCallback {

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> seen = BlockingCalls.takeSeen();
        if (!seen.isEmpty()) {
            throw new AssertionError("blocking calls on non-blocking threads (Netty event loop, Reactor parallel): "
                    + String.join("; ", seen));
        }
    }
}
