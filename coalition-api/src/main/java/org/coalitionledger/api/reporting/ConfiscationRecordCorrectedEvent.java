package org.coalitionledger.api.reporting;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A confiscation was restated: these are its amount and rate from now on (the currency never changes). */
@Revision("1")
public record ConfiscationRecordCorrectedEvent(String coalitionId, String recordId, BigDecimal amount,
                                               BigDecimal usdRate, LocalDate rateDate, String rateSource,
                                               String reason) {
}
