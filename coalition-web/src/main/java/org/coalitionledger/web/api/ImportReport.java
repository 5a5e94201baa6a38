package org.coalitionledger.web.api;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** The answer to a bulk import: one result per non-blank line, in order. */
@Schema(description = "One result per non-blank NDJSON line, in order, with totals.")
public record ImportReport(String coalitionId, String requestId, int recorded, int unchanged, int rejected,
                           List<Line> lines) {

    public ImportReport {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    public enum Outcome { RECORDED, UNCHANGED, REJECTED }

    /**
     * One line's result. {@code requestId} is the request id the line's events carry ({@code <request id>#<line>});
     * {@code problem} is set only for a rejected line and reads like the problem the same command would get alone.
     */
    public record Line(int line, String command, Outcome outcome, List<String> eventIds, String requestId,
                       LineProblem problem) {
        public Line {
            eventIds = eventIds == null ? List.of() : List.copyOf(eventIds);
        }
    }

    /** An RFC 9457 problem, as reported for one line. */
    public record LineProblem(String type, String title, int status, String detail, String code) {
    }
}
