package org.coalitionledger.web.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.coalitionledger.web.commands.CommandLineParser;
import org.coalitionledger.web.commands.CommandRouting;
import org.coalitionledger.web.error.ApiProblemException;
import org.coalitionledger.web.error.Problems;
import org.coalitionledger.web.error.WebErrorCode;
import org.coalitionledger.web.request.RequestLog;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Bulk import: NDJSON, one command a line in the format of the shipped first-year history
 * ({@code {"command": "RecordArrest", "payload": {...}}}), applied in order, each line on its own. A rejected line
 * does not stop the others; every line gets a result. Lines and bytes per request are bounded (413 beyond); a line
 * for another coalition than the path names is rejected.
 */
@RestController
@Tag(name = "Administrator writes")
class ImportController {

    static final String NDJSON = "application/x-ndjson";

    private final LedgerWriter writer;
    private final Writes writes;
    private final CommandLineParser parser;
    private final int maxLines;

    ImportController(LedgerWriter writer, Writes writes, ObjectMapper mapper,
                     @Value("${coalition.web.import.max-lines:10000}") int maxLines) {
        this.writer = writer;
        this.writes = writes;
        this.parser = new CommandLineParser(mapper);
        this.maxLines = maxLines;
    }

    @PostMapping(path = "/api/v1/coalitions/{id}/imports", consumes = NDJSON, produces = "application/json")
    @Operation(operationId = "importCommands", summary = "Bulk import of NDJSON commands, with a result per line",
            description = "Commands: " + "FoundCoalition, JoinCoalition, LeaveCoalition, CorrectMembership, SetGoal, RecordTakedownBatch, "
                    + "RecordArrest, RecordConfiscation, CorrectRecord, RetractRecord. Answers 201 when any line "
                    + "recorded events, else 200.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = NDJSON, schema = @Schema(type = "string",
                            example = "{\"command\":\"RecordArrest\",\"payload\":{...}}"))))
    Mono<ResponseEntity<ImportReport>> importCommands(@PathVariable String id, @RequestBody String body,
            @Parameter(hidden = true) Authentication auth, @Parameter(hidden = true) ServerWebExchange exchange) {
        return Mono.defer(() -> {
            Caller caller = Caller.of(auth, exchange);
            List<String> lines = body.lines().toList();
            long nonBlank = lines.stream().filter(l -> !l.isBlank()).count();
            if (nonBlank > maxLines) {
                throw new ApiProblemException(HttpStatus.CONTENT_TOO_LARGE, WebErrorCode.PAYLOAD_TOO_LARGE,
                        "an import may hold at most " + maxLines + " lines; this one has " + nonBlank);
            }
            if (nonBlank == 0) {
                throw new ApiProblemException(HttpStatus.BAD_REQUEST, WebErrorCode.MALFORMED_REQUEST,
                        "the import holds no command lines");
            }
            String location = "/api/v1/coalitions/" + id;
            return writes.idempotent(exchange, caller, body.getBytes(StandardCharsets.UTF_8), ImportReport.class,
                    () -> RequestLog.blocking(() -> apply(id, lines, caller)),
                    report -> report.recorded() > 0 ? HttpStatus.CREATED : HttpStatus.OK, location);
        });
    }

    private ImportReport apply(String coalitionId, List<String> lines, Caller caller) {
        List<ImportReport.Line> results = new ArrayList<>();
        int recorded = 0;
        int unchanged = 0;
        int rejected = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            int number = i + 1;
            String requestId = caller.requestId() + "#" + number;
            String name = null;
            try {
                JsonNode line = parser.read(lines.get(i));
                name = CommandLineParser.claimedName(line);
                Object command = parser.command(line);
                String target = CommandRouting.coalitionId(command);
                if (!coalitionId.equals(target)) {
                    throw new ApiProblemException(HttpStatus.BAD_REQUEST, WebErrorCode.MALFORMED_REQUEST,
                            "line " + number + " is for coalition '" + target + "', not '" + coalitionId + "'");
                }
                List<String> ids = writer.sendAndWait(command, caller, requestId).eventIds();
                if (ids.isEmpty()) {
                    unchanged++;
                } else {
                    recorded++;
                }
                results.add(new ImportReport.Line(number, name, ids.isEmpty()
                        ? ImportReport.Outcome.UNCHANGED : ImportReport.Outcome.RECORDED, ids, requestId, null));
            } catch (Exception e) {
                rejected++;
                results.add(new ImportReport.Line(number, name, ImportReport.Outcome.REJECTED, List.of(), requestId,
                        lineProblem(e)));
            }
        }
        return new ImportReport(coalitionId, caller.requestId(), recorded, unchanged, rejected, results);
    }

    private static ImportReport.LineProblem lineProblem(Exception e) {
        Throwable cause = Problems.unwrap(e);
        ProblemDetail problem = cause instanceof IllegalArgumentException invalid
                && !(cause instanceof org.coalitionledger.api.error.InvalidCommandException)
                ? Problems.of(HttpStatus.BAD_REQUEST, WebErrorCode.MALFORMED_REQUEST, invalid.getMessage())
                : Problems.ofLedgerFailure(cause).orElseGet(() -> Problems.internal(e));
        return new ImportReport.LineProblem(String.valueOf(problem.getType()), problem.getTitle(),
                problem.getStatus(), problem.getDetail(), String.valueOf(problem.getProperties().get(Problems.CODE)));
    }
}
