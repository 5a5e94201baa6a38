package org.coalitionledger.audit.bundle;

import org.coalitionledger.api.view.YearBasis;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;

/**
 * One view of the ledger as of the bundle's last checkpoint.
 *
 * @param coalitionId the coalition
 * @param name        which view: {@link LedgerViews#COALITION}, {@link LedgerViews#YEAR_OVER_YEAR},
 *                    {@link LedgerViews#MEMBERS}, {@link LedgerViews#GOALS} or {@link LedgerViews#RESTATEMENTS}
 * @param basis       the year basis of a year-over-year view, else null
 * @param asOf        the business date of a members view (a year's end), else null
 * @param value       the view record as JSON, exactly as the API answers {@code asOfCheckpoint=<tree size>}
 */
public record BundleView(String coalitionId, String name, YearBasis basis, LocalDate asOf, JsonNode value) {
}
