package org.coalitionledger.audit.upcast;

import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.coalitionledger.api.reporting.TakedownBatchRecordedEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * {@link TakedownBatchRecordedEvent} revision 1 to 2: the three flat fields {@code reporterType},
 * {@code reporterMemberId} and {@code reporterName} become one value {@code reporter: {type, memberId, name}},
 * placed after {@code batchId}; every other field is kept as stored, in its order. Works on the JSON tree (Jackson
 * 3), so decimals and dates pass through as stored text.
 */
public final class TakedownBatchReporterUpcaster extends SingleEventUpcaster {

    static final SimpleSerializedType REVISION_1 =
            new SimpleSerializedType(TakedownBatchRecordedEvent.class.getName(), "1");
    static final SimpleSerializedType REVISION_2 =
            new SimpleSerializedType(TakedownBatchRecordedEvent.class.getName(), "2");

    private static final Map<String, String> FLAT_TO_NESTED =
            Map.of("reporterType", "type", "reporterMemberId", "memberId", "reporterName", "name");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, TakedownBatchReporterUpcaster::reshape);
    }

    /** The revision-2 payload for a revision-1 payload (a new tree; the stored one is left as it is). */
    static JsonNode reshape(JsonNode revision1) {
        if (!(revision1 instanceof ObjectNode stored)) {
            return revision1;
        }
        ObjectNode reporter = JsonNodeFactory.instance.objectNode();
        reporter.set("type", stored.get("reporterType"));
        reporter.set("memberId", stored.get("reporterMemberId"));
        reporter.set("name", stored.get("reporterName"));
        ObjectNode revision2 = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> field : stored.properties()) {
            if (FLAT_TO_NESTED.containsKey(field.getKey())) {
                continue;
            }
            revision2.set(field.getKey(), field.getValue());
            if (field.getKey().equals("batchId")) {
                revision2.set("reporter", reporter);
            }
        }
        if (!revision2.has("reporter")) {
            revision2.set("reporter", reporter);
        }
        return revision2;
    }
}
