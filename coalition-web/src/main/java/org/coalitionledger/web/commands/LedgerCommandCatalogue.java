package org.coalitionledger.web.commands;

import org.coalitionledger.api.coalition.CorrectMembershipCommand;
import org.coalitionledger.api.coalition.FoundCoalitionCommand;
import org.coalitionledger.api.coalition.JoinCoalitionCommand;
import org.coalitionledger.api.coalition.LeaveCoalitionCommand;
import org.coalitionledger.api.coalition.SetGoalCommand;
import org.coalitionledger.api.reporting.CorrectRecordCommand;
import org.coalitionledger.api.reporting.RecordArrestCommand;
import org.coalitionledger.api.reporting.RecordConfiscationCommand;
import org.coalitionledger.api.reporting.RecordTakedownBatchCommand;
import org.coalitionledger.api.reporting.RetractRecordCommand;

import java.util.Map;

/**
 * The command names a line of NDJSON may use ({@code {"command": "<name>", "payload": {...}}}): the shipped
 * first-year history and bulk imports share this format. The name is the command class without "Command".
 */
public final class LedgerCommandCatalogue {

    public static final Map<String, Class<?>> COMMANDS = Map.of(
            "FoundCoalition", FoundCoalitionCommand.class,
            "JoinCoalition", JoinCoalitionCommand.class,
            "LeaveCoalition", LeaveCoalitionCommand.class,
            "CorrectMembership", CorrectMembershipCommand.class,
            "SetGoal", SetGoalCommand.class,
            "RecordTakedownBatch", RecordTakedownBatchCommand.class,
            "RecordArrest", RecordArrestCommand.class,
            "RecordConfiscation", RecordConfiscationCommand.class,
            "CorrectRecord", CorrectRecordCommand.class,
            "RetractRecord", RetractRecordCommand.class);

    private LedgerCommandCatalogue() {
    }
}
