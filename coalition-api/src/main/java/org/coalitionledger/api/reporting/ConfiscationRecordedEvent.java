package org.coalitionledger.api.reporting;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A confiscation on {@code date} was reported, in its original currency, with the USD rate to value it. */
@Revision("1")
public record ConfiscationRecordedEvent(String coalitionId, String recordId, LocalDate date, BigDecimal amount,
                                        String currency, BigDecimal usdRate, LocalDate rateDate, String rateSource,
                                        String jurisdiction, String scope, String source) {
}
