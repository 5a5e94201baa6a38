package org.coalitionledger.audit.bundle;

import org.coalitionledger.api.view.YearBasis;
import tools.jackson.databind.JsonNode;

/**
 * One published year-over-year view in a bundle.
 *
 * @param coalitionId the coalition
 * @param basis       the year basis of the view
 * @param recordedAt  the "as recorded at" instant the view was asked for (ISO-8601), or null for the live view;
 *                    a verifier folds only the bundled events recorded at or before it
 * @param view        the {@link org.coalitionledger.api.view.YearOverYearView} as JSON, exactly as published
 */
public record BundleView(String coalitionId, YearBasis basis, String recordedAt, JsonNode view) {
}
