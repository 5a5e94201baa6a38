package org.coalitionledger.query.views;

import org.coalitionledger.api.view.CoalitionLedgerFold;
import org.coalitionledger.api.view.FoldSnapshot;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes and reads fold snapshots and their parts (a stint, a record, a goal, ...), as the view rows store them. A mapper of this module's own, so neither the web's JSON settings nor the event
 * serializer's can change what a stored snapshot means. Amounts stay exact {@code BigDecimal}s with their scale
 * (18000000.00 stays 18000000.00); enums go by name.
 */
final class FoldJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(EnumFeature.WRITE_ENUMS_USING_TO_STRING)
            .disable(EnumFeature.READ_ENUMS_USING_TO_STRING)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // A field this code does not know means a snapshot of another shape: rebuild, never guess.
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private FoldJson() {
    }

    static String write(CoalitionLedgerFold fold) {
        return MAPPER.writeValueAsString(fold.snapshot());
    }

    static CoalitionLedgerFold read(String json) {
        return CoalitionLedgerFold.restore(MAPPER.readValue(json, FoldSnapshot.class));
    }

    /** One part of a snapshot. */
    static String writePart(Object part) {
        return MAPPER.writeValueAsString(part);
    }

    static <T> T readPart(String json, Class<T> type) {
        return MAPPER.readValue(json, type);
    }
}
