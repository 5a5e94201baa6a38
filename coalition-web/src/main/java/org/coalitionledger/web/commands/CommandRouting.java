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

/** Which coalition a catalogue command concerns (its stream: {@link RecordStreams}). */
public final class CommandRouting {

    private CommandRouting() {
    }

    public static String coalitionId(Object command) {
        if (command instanceof FoundCoalitionCommand c) return c.coalitionId();
        if (command instanceof JoinCoalitionCommand c) return c.coalitionId();
        if (command instanceof LeaveCoalitionCommand c) return c.coalitionId();
        if (command instanceof CorrectMembershipCommand c) return c.coalitionId();
        if (command instanceof SetGoalCommand c) return c.coalitionId();
        if (command instanceof RecordTakedownBatchCommand c) return c.coalitionId();
        if (command instanceof RecordArrestCommand c) return c.coalitionId();
        if (command instanceof RecordConfiscationCommand c) return c.coalitionId();
        if (command instanceof CorrectRecordCommand c) return c.coalitionId();
        if (command instanceof RetractRecordCommand c) return c.coalitionId();
        throw new IllegalArgumentException("not a ledger command: " + command.getClass().getName());
    }
}
