package org.coalitionledger.api.reporting;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The one rule that turns an amount into US dollars: amount / (units per USD), half-even to cents. */
public final class UsdValue {

    private UsdValue() {
    }

    public static BigDecimal of(BigDecimal amount, BigDecimal unitsPerUsd) {
        return amount.divide(unitsPerUsd, 2, RoundingMode.HALF_EVEN);
    }
}
