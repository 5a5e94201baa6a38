package org.coalitionledger.api.reporting;

import org.axonframework.serialization.Revision;

/** A takedown batch was restated: these are its complete figures from now on. */
@Revision("1")
public record TakedownBatchCorrectedEvent(String coalitionId, String batchId, long listingsRemoved, long adsBlocked,
                                          long accountsRemoved, String reason) {
}
