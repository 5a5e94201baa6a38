package org.coalitionledger.api.reporting;

/**
 * A command about one record: recording, correcting or retracting it. Its stream is found with
 * {@link RecordIds#resolve}; {@link #recordAggregateId()} is the stream of a record recorded now.
 */
public interface RecordCommand {

    String coalitionId();

    /** The client's id of the record, unique within its coalition. */
    String recordId();

    /** The record's stream when no legacy stream of this coalition holds it. */
    String recordAggregateId();
}
