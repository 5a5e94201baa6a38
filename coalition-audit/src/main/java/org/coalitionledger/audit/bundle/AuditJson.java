package org.coalitionledger.audit.bundle;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper of the audit bundle and of the views it carries. Fixed here, apart from any web or event-store
 * mapper, so the bundle format does not change when someone tunes the HTTP layer.
 */
public final class AuditJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            // Money is BigDecimal; a tree must keep 18000000.00 exact, not 1.8E+7.
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // Enum constants by name, whatever toString() says (view enums are "sent by name").
            .disable(EnumFeature.WRITE_ENUMS_USING_TO_STRING)
            .disable(EnumFeature.READ_ENUMS_USING_TO_STRING)
            // A bundle with a misspelt field is not the bundle the document describes.
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private AuditJson() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }
}
