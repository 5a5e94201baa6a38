package org.coalitionledger.log;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.stereotype.Component;

/**
 * Whether this node is the log's appender: the one node holding the log processor's single segment. The work only
 * one node should do for the log (the sweep for unlogged events, the periodic checkpoint) runs where the appender
 * runs, so it moves with the segment when a node dies and the segment's claim expires. The log's tables stay the
 * final guard should two nodes overlap for a moment: a leaf index, an event's leaf and a checkpoint's tree size are
 * each unique.
 */
@Component
public class LogAppenderNode {

    private final EventProcessingConfiguration processing;

    LogAppenderNode(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /** True while this node holds the log processor's segment. */
    public boolean isThisNode() {
        return processing.eventProcessor(AuditLogProcessor.PROCESSING_GROUP, StreamingEventProcessor.class)
                .map(processor -> !processor.processingStatus().isEmpty())
                .orElse(false);
    }
}
