package org.coalitionledger.query.views;

import org.coalitionledger.api.coalition.CoalitionFoundedEvent;
import org.coalitionledger.api.coalition.GoalSetEvent;
import org.coalitionledger.api.view.FoldSnapshot;
import org.coalitionledger.api.view.FoldSnapshot.RecordState;
import org.coalitionledger.api.view.FoldSnapshot.StintState;
import org.coalitionledger.api.view.RestatementView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * The coalition views' rows: each part of the shared fold's state in a row of its own, in one generation
 * ({@link ViewGenerations}). The projection reads and writes the few rows an event touches; the queries read a
 * coalition's rows back into one {@link FoldSnapshot}, in fold order (the global index of the event that created
 * each row), and let the shared fold compute the views from it.
 */
@Component
class ViewRows {

    private final JdbcTemplate jdbc;
    private final LongAdder recordRowsRead = new LongAdder();
    private final LongAdder coalitionIdsRead = new LongAdder();

    ViewRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    // ------------------------------------------------------------------------------------------- reading

    /** The whole coalition as a snapshot; empty when the generation holds no founding for it. */
    Optional<FoldSnapshot> coalition(long generation, String coalitionId, boolean withFigures) {
        CoalitionFoundedEvent founded = founding(generation, coalitionId);
        if (founded == null) {
            return Optional.empty();
        }
        List<StintState> stints = jdbc.query("select state from coalition_view_stint where generation = ? "
                        + "and coalition_id = ? order by position, member_id, stint_no",
                (rs, n) -> FoldJson.readPart(rs.getString(1), StintState.class), generation, coalitionId);
        if (!withFigures) {
            return Optional.of(new FoldSnapshot(coalitionId, founded, stints, List.of(), List.of(), List.of()));
        }
        List<GoalSetEvent> goals = jdbc.query("select state from coalition_view_goal where generation = ? "
                        + "and coalition_id = ? order by position, goal_id",
                (rs, n) -> FoldJson.readPart(rs.getString(1), GoalSetEvent.class), generation, coalitionId);
        List<RecordState> records = jdbc.query("select state from coalition_view_record where generation = ? "
                        + "and coalition_id = ? order by position, record_id",
                (rs, n) -> FoldJson.readPart(rs.getString(1), RecordState.class), generation, coalitionId);
        recordRowsRead.add(records.size());
        List<RestatementView> restatements = restatements(generation, coalitionId);
        return Optional.of(new FoldSnapshot(coalitionId, founded, stints, goals, records, restatements));
    }

    /** The coalition's founding and restatement trail alone; empty when the generation holds no founding for it. */
    Optional<FoldSnapshot> trail(long generation, String coalitionId) {
        CoalitionFoundedEvent founded = founding(generation, coalitionId);
        if (founded == null) {
            return Optional.empty();
        }
        List<RestatementView> restatements = restatements(generation, coalitionId);
        return Optional.of(new FoldSnapshot(coalitionId, founded, List.of(), List.of(), List.of(), restatements));
    }

    /** The coalition's restatement trail, in the trail's order. */
    private List<RestatementView> restatements(long generation, String coalitionId) {
        return jdbc.query("select state from coalition_view_restatement "
                        + "where generation = ? and coalition_id = ? order by position",
                (rs, n) -> FoldJson.readPart(rs.getString(1), RestatementView.class), generation, coalitionId);
    }

    /**
     * The records first written after change {@code after} (the coalition's change count), in their states now;
     * empty when anything else of the coalition was written after it (a stint, a goal, or a record written before
     * it), so only records were added since. Reads the rows changed since, through the change index.
     */
    Optional<List<RecordState>> recordsAddedSince(long generation, String coalitionId, long after) {
        Long others = jdbc.queryForObject("select (select count(*) from coalition_view_stint where generation = ? "
                + "and coalition_id = ? and change_no > ?) + (select count(*) from coalition_view_goal "
                + "where generation = ? and coalition_id = ? and change_no > ?)", Long.class, generation,
                coalitionId, after, generation, coalitionId, after);
        if (others != 0) {
            return Optional.empty();
        }
        boolean[] earlier = new boolean[1];
        List<RecordState> added = jdbc.query("select state, first_change_no from coalition_view_record "
                + "where generation = ? and coalition_id = ? and change_no > ? order by position, record_id",
                (rs, n) -> {
                    long first = rs.getLong(2);
                    earlier[0] |= rs.wasNull() || first <= after;
                    return FoldJson.readPart(rs.getString(1), RecordState.class);
                }, generation, coalitionId, after);
        recordRowsRead.add(added.size());
        return earlier[0] ? Optional.empty() : Optional.of(added);
    }

    /** How many record rows the reads of whole coalitions and of added records have returned (tests). */
    long recordRowsRead() {
        return recordRowsRead.sum();
    }

    /** At most {@code max} ids of the coalitions founded in the generation, in id order, those after {@code after}. */
    List<String> coalitionIds(long generation, String after, int max) {
        List<String> ids = jdbc.queryForList("select coalition_id from coalition_view_founding where generation = ? "
                + "and coalition_id > ? order by coalition_id limit ?", String.class, generation,
                after == null ? "" : after, max);
        coalitionIdsRead.add(ids.size());
        return ids;
    }

    /** How many coalition ids the reads of the list of coalitions have returned (tests). */
    long coalitionIdsRead() {
        return coalitionIdsRead.sum();
    }

    CoalitionFoundedEvent founding(long generation, String coalitionId) {
        return jdbc.query("select state from coalition_view_founding where generation = ? and coalition_id = ?",
                rs -> rs.next() ? FoldJson.readPart(rs.getString(1), CoalitionFoundedEvent.class) : null,
                generation, coalitionId);
    }

    /**
     * How many committed batches changed the coalition's rows in the generation ({@link LiveViews}); null when the
     * generation holds no founding for it.
     */
    Long changeCount(long generation, String coalitionId) {
        return jdbc.query("select change_count from coalition_view_founding where generation = ? "
                + "and coalition_id = ?", rs -> rs.next() ? rs.getLong(1) : null, generation, coalitionId);
    }

    /**
     * The number the coalition's change being written will have once its batch commits (its change count + 1; 1 while
     * no founding row is stored), with the founding row locked until the writer's transaction ends: another writer of
     * the coalition (a dead letter's retry beside its segment) waits for the count this one raises.
     */
    long nextChangeNo(long generation, String coalitionId) {
        Long count = jdbc.query("select change_count from coalition_view_founding where generation = ? "
                + "and coalition_id = ? for update", rs -> rs.next() ? rs.getLong(1) : null, generation, coalitionId);
        return (count == null ? 0 : count) + 1;
    }

    /** The published generation and the coalition's change count in it ({@link LiveViews}). */
    record PublishedChanges(long generation, long changes) {
    }

    /**
     * The published generation and the coalition's change count in it, read by one statement (which sees one
     * snapshot, so no transaction is needed); null when the published generation holds no founding for it.
     */
    PublishedChanges publishedChanges(String coalitionId) {
        return jdbc.query("select f.generation, f.change_count from coalition_view_generation g "
                        + "join coalition_view_founding f on f.generation = g.published "
                        + "where g.processor_name = ? and f.coalition_id = ?",
                rs -> rs.next() ? new PublishedChanges(rs.getLong(1), rs.getLong(2)) : null,
                ViewGenerations.PROCESSOR, coalitionId);
    }

    /** The slice's rows as stored: the state an event of that slice folds into (no restatements). */
    FoldSnapshot slice(long generation, ViewSlice slice) {
        String coalitionId = slice.coalitionId();
        return switch (slice.kind()) {
            case FOUNDING -> sliceOf(coalitionId, founding(generation, coalitionId), List.of(), null, null);
            case MEMBER -> sliceOf(coalitionId, null, stints(generation, coalitionId, slice.key()), null, null);
            case GOAL -> sliceOf(coalitionId, null, List.of(), goal(generation, coalitionId, slice.key()), null);
            case RECORD -> sliceOf(coalitionId, null, List.of(), null, record(generation, coalitionId, slice.key()));
        };
    }

    /** A slice's state from its parts: at most one of founding, stints, goal or record is given. */
    static FoldSnapshot sliceOf(String coalitionId, CoalitionFoundedEvent founded, List<StintState> stints,
                                GoalSetEvent goal, RecordState record) {
        return new FoldSnapshot(coalitionId, founded, stints, goal == null ? List.of() : List.of(goal),
                record == null ? List.of() : List.of(record), List.of());
    }

    /** One member's stints, in order. */
    List<StintState> stints(long generation, String coalitionId, String memberId) {
        return jdbc.query("select state from coalition_view_stint where generation = ? and coalition_id = ? "
                        + "and member_id = ? order by stint_no",
                (rs, n) -> FoldJson.readPart(rs.getString(1), StintState.class), generation, coalitionId, memberId);
    }

    GoalSetEvent goal(long generation, String coalitionId, String goalId) {
        return jdbc.query("select state from coalition_view_goal where generation = ? and coalition_id = ? "
                        + "and goal_id = ?",
                rs -> rs.next() ? FoldJson.readPart(rs.getString(1), GoalSetEvent.class) : null,
                generation, coalitionId, goalId);
    }

    RecordState record(long generation, String coalitionId, String recordId) {
        return jdbc.query("select state from coalition_view_record where generation = ? and coalition_id = ? "
                        + "and record_id = ?",
                rs -> rs.next() ? FoldJson.readPart(rs.getString(1), RecordState.class) : null,
                generation, coalitionId, recordId);
    }

    // ------------------------------------------------------------------------------------------- writing
    // Each row is written by one sequence of the processor only (the coalition's stream for the founding, stints and
    // goals; the record's stream for a record), so a plain update-or-insert cannot race another writer.

    void insertFounding(long generation, String coalitionId, CoalitionFoundedEvent founded) {
        jdbc.update("insert into coalition_view_founding (generation, coalition_id, state) values (?, ?, ?)",
                generation, coalitionId, FoldJson.writePart(founded));
    }

    // Each row carries the change that wrote it: the coalition's change count once its batch commits.

    void putStint(long generation, String coalitionId, String memberId, int stintNo, long position,
                  StintState stint, long changeNo) {
        String state = FoldJson.writePart(stint);
        int updated = jdbc.update("update coalition_view_stint set state = ?, change_no = ? where generation = ? "
                + "and coalition_id = ? and member_id = ? and stint_no = ?", state, changeNo, generation, coalitionId,
                memberId, stintNo);
        if (updated == 0) {
            jdbc.update("insert into coalition_view_stint (generation, coalition_id, member_id, stint_no, position, "
                    + "state, change_no) values (?, ?, ?, ?, ?, ?, ?)", generation, coalitionId, memberId, stintNo,
                    position, state, changeNo);
        }
    }

    void insertGoal(long generation, String coalitionId, long position, GoalSetEvent goal, long changeNo) {
        jdbc.update("insert into coalition_view_goal (generation, coalition_id, goal_id, position, state, change_no) "
                + "values (?, ?, ?, ?, ?, ?)", generation, coalitionId, goal.goalId(), position,
                FoldJson.writePart(goal), changeNo);
    }

    /** @param isNew the generation holds no row of the record yet (its slice was read empty): one insert, no update */
    void putRecord(long generation, String coalitionId, long position, RecordState record, boolean isNew,
                   long changeNo) {
        String state = FoldJson.writePart(record);
        int updated = isNew ? 0 : jdbc.update("update coalition_view_record set state = ?, change_no = ? "
                + "where generation = ? and coalition_id = ? and record_id = ?", state, changeNo, generation,
                coalitionId, record.recordId());
        if (updated == 0) {
            jdbc.update("insert into coalition_view_record (generation, coalition_id, record_id, kind, business_date, "
                            + "position, state, change_no, first_change_no) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    generation, coalitionId, record.recordId(), record.kind().name(), record.businessDate(), position,
                    state, changeNo, changeNo);
        }
    }

    /**
     * A record row to write in a batch of them: its state, that state as stored ({@link FoldJson}, written by the
     * caller so the JSON can be made off the writing thread) and the global index of the event that created it.
     */
    record RecordRow(String coalitionId, long position, RecordState state, String stateJson) {

        RecordRow(String coalitionId, long position, RecordState state) {
            this(coalitionId, position, state, FoldJson.writePart(state));
        }
    }

    /**
     * Writes records by batches of statements, as change 1 (a fill): new ones inserted, the others' states updated.
     */
    void putRecords(long generation, List<RecordRow> inserts, List<RecordRow> updates) {
        jdbc.batchUpdate("insert into coalition_view_record (generation, coalition_id, record_id, kind, business_date, "
                        + "position, state, change_no, first_change_no) values (?, ?, ?, ?, ?, ?, ?, 1, 1)", inserts,
                inserts.size(), (ps, row) -> {
                    ps.setLong(1, generation);
                    ps.setString(2, row.coalitionId());
                    ps.setString(3, row.state().recordId());
                    ps.setString(4, row.state().kind().name());
                    ps.setObject(5, row.state().businessDate());
                    ps.setLong(6, row.position());
                    ps.setString(7, row.stateJson());
                });
        jdbc.batchUpdate("update coalition_view_record set state = ?, change_no = 1 where generation = ? "
                + "and coalition_id = ? and record_id = ?", updates, updates.size(), (ps, row) -> {
                    ps.setString(1, row.stateJson());
                    ps.setLong(2, generation);
                    ps.setString(3, row.coalitionId());
                    ps.setString(4, row.state().recordId());
                });
    }

    /** A restatement row to write in a batch of them, under the global index of the event that made it. */
    record RestatementRow(String coalitionId, long position, String stateJson) {

        RestatementRow(String coalitionId, long position, RestatementView restatement) {
            this(coalitionId, position, FoldJson.writePart(restatement));
        }
    }

    void insertRestatements(long generation, List<RestatementRow> restatements) {
        jdbc.batchUpdate("insert into coalition_view_restatement (generation, coalition_id, position, state) "
                + "values (?, ?, ?, ?)", restatements, restatements.size(), (ps, row) -> {
                    ps.setLong(1, generation);
                    ps.setString(2, row.coalitionId());
                    ps.setLong(3, row.position());
                    ps.setString(4, row.stateJson());
                });
    }

    /** Counts a fill as every coalition's first change in the generation: the replay after it numbers from 2. */
    void countFillAsFirstChange(long generation) {
        jdbc.update("update coalition_view_founding set change_count = 1 where generation = ?", generation);
    }

    /** Counts one more committed change of the coalition's rows, in the batch's transaction. */
    void countChange(long generation, String coalitionId) {
        jdbc.update("update coalition_view_founding set change_count = change_count + 1 where generation = ? "
                + "and coalition_id = ?", generation, coalitionId);
    }

    void insertRestatement(long generation, String coalitionId, long position, RestatementView restatement) {
        jdbc.update("insert into coalition_view_restatement (generation, coalition_id, position, state) "
                + "values (?, ?, ?, ?)", generation, coalitionId, position, FoldJson.writePart(restatement));
    }
}
