package org.coalitionledger.api.view;

import java.time.Instant;

/**
 * Whether a coalition's live views lag the ledger: an event of the coalition failed in the projection and is parked
 * in its dead-letter queue, with every later event of the coalition, until an administrator retries or evicts it.
 *
 * @param coalitionId  the coalition
 * @param stale        whether any event of it is parked
 * @param staleSince   when the first parked event was parked (null when not stale)
 */
public record ViewStaleness(String coalitionId, boolean stale, Instant staleSince) {

    public static ViewStaleness fresh(String coalitionId) {
        return new ViewStaleness(coalitionId, false, null);
    }
}
