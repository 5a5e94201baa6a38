package org.coalitionledger.web.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
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
import org.coalitionledger.web.error.ApiProblemException;
import org.coalitionledger.web.error.WebErrorCode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The administrator's writes, one command each. Every write answers 201 with Location and the recorded event ids,
 * or 200 for a repeat that records nothing; an {@code Idempotency-Key} header makes a retry answer the original
 * response. Actor, role and request id come from the caller, never from the body.
 */
@RestController
@RequestMapping(path = "/api/v1/coalitions", consumes = MediaType.APPLICATION_JSON_VALUE,
        produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Administrator writes", description = "Record facts (role ADMIN)")
class CoalitionWriteController {

    private static final String C = "/api/v1/coalitions/";
    private final Writes writes;

    CoalitionWriteController(Writes writes) {
        this.writes = writes;
    }

    @PostMapping
    @Operation(operationId = "foundCoalition", summary = "Found a coalition")
    Mono<ResponseEntity<WriteReceipt>> found(@Valid @RequestBody WriteRequests.FoundCoalition body,
            @Parameter(hidden = true) Authentication auth, @Parameter(hidden = true) ServerWebExchange exchange) {
        return writes.write(exchange, auth, body, () -> new FoundCoalitionCommand(body.coalitionId(), body.name(),
                body.foundedOn(), body.convenors(), body.foundingMembers(), body.goal()), C + body.coalitionId());
    }

    @PostMapping("/{id}/members")
    @Operation(operationId = "joinCoalition", summary = "A company joins the coalition")
    Mono<ResponseEntity<WriteReceipt>> join(@PathVariable String id,
            @Valid @RequestBody WriteRequests.JoinCoalition body,
            @Parameter(hidden = true) Authentication auth, @Parameter(hidden = true) ServerWebExchange exchange) {
        return writes.write(exchange, auth, body, () -> new JoinCoalitionCommand(id, body.memberId(),
                        body.disclosed(), body.name(), body.country(), body.region(), body.sector(), body.joinedOn(),
                        body.note()),
                C + id + "/members?asOf=" + body.joinedOn());
    }

    @PostMapping("/{id}/members/{memberId}/departure")
    @Operation(operationId = "leaveCoalition", summary = "A member leaves the coalition")
    Mono<ResponseEntity<WriteReceipt>> leave(@PathVariable String id, @PathVariable String memberId,
            @Valid @RequestBody WriteRequests.LeaveCoalition body,
            @Parameter(hidden = true) Authentication auth, @Parameter(hidden = true) ServerWebExchange exchange) {
        return writes.write(exchange, auth, body,
                () -> new LeaveCoalitionCommand(id, memberId, body.leftOn(), body.reason()),
                C + id + "/members?asOf=" + body.leftOn());
    }

    @PostMapping("/{id}/members/{memberId}/corrections")
    @Operation(operationId = "correctMembership", summary = "Correct a member's latest membership or disclose an "
            + "undisclosed member, with the reason")
    Mono<ResponseEntity<WriteReceipt>> correctMembership(@PathVariable String id, @PathVariable String memberId,
            @Valid @RequestBody WriteRequests.MembershipCorrection body,
            @Parameter(hidden = true) Authentication auth, @Parameter(hidden = true) ServerWebExchange exchange) {
        return writes.write(exchange, auth, body, () -> new CorrectMembershipCommand(id, memberId, body.name(),
                        body.country(), body.region(), body.sector(), body.joinedOn(), body.leftOn(), body.reason()),
                C + id + "/members");
    }

    @PostMapping("/{id}/goals")
    @Operation(operationId = "setGoal", summary = "The coalition adopts a goal")
    Mono<ResponseEntity<WriteReceipt>> setGoal(@PathVariable String id, @Valid @RequestBody WriteRequests.SetGoal body,
            @Parameter(hidden = true) Authentication auth, @Parameter(hidden = true) ServerWebExchange exchange) {
        return writes.write(exchange, auth, body, () -> new SetGoalCommand(id, body.goal(), body.setOn()),
                C + id + "/goals/progress");
    }

    @PostMapping("/{id}/takedown-batches")
    @Operation(operationId = "recordTakedownBatch", summary = "Record a batch of takedowns")
    Mono<ResponseEntity<WriteReceipt>> takedownBatch(@PathVariable String id,
            @Valid @RequestBody WriteRequests.TakedownBatch body,
            @Parameter(hidden = true) Authentication auth, @Parameter(hidden = true) ServerWebExchange exchange) {
        return writes.writeRecord(exchange, auth, body, () -> new RecordTakedownBatchCommand(id, body.batchId(),
                        body.reporter(), body.periodStart(), body.periodEnd(), body.listingsRemoved(),
                        body.adsBlocked(), body.accountsRemoved(), body.categories(), body.scope(), body.source()),
                recordLocation(id, body.batchId()));
    }

    @PostMapping("/{id}/arrests")
    @Operation(operationId = "recordArrest", summary = "Record arrests")
    Mono<ResponseEntity<WriteReceipt>> arrest(@PathVariable String id, @Valid @RequestBody WriteRequests.Arrest body,
            @Parameter(hidden = true) Authentication auth, @Parameter(hidden = true) ServerWebExchange exchange) {
        return writes.writeRecord(exchange, auth, body, () -> new RecordArrestCommand(id, body.recordId(), body.date(),
                        body.count(), body.jurisdiction(), body.agency(), body.scope(), body.source()),
                recordLocation(id, body.recordId()));
    }

    @PostMapping("/{id}/confiscations")
    @Operation(operationId = "recordConfiscation", summary = "Record a confiscation")
    Mono<ResponseEntity<WriteReceipt>> confiscation(@PathVariable String id,
            @Valid @RequestBody WriteRequests.Confiscation body,
            @Parameter(hidden = true) Authentication auth, @Parameter(hidden = true) ServerWebExchange exchange) {
        return writes.writeRecord(exchange, auth, body, () -> new RecordConfiscationCommand(id, body.recordId(),
                        body.date(), body.amount(), body.currency(), body.usdRate(), body.rateDate(),
                        body.rateSource(), body.jurisdiction(), body.scope(), body.source()),
                recordLocation(id, body.recordId()));
    }

    @PostMapping("/{id}/records/{recordId}/corrections")
    @Operation(operationId = "correctRecord", summary = "Correct a record's figures, with the reason")
    Mono<ResponseEntity<WriteReceipt>> correct(@PathVariable String id, @PathVariable String recordId,
            @Valid @RequestBody WriteRequests.Correction body,
            @Parameter(description = "the record version (ETag) the correction was decided on; a record changed "
                    + "since is not corrected (409 STALE_RECORD_VERSION)")
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Parameter(hidden = true) Authentication auth, @Parameter(hidden = true) ServerWebExchange exchange) {
        return writes.writeRecord(exchange, auth, body, () -> new CorrectRecordCommand(id, recordId,
                        body.listingsRemoved(), body.adsBlocked(), body.accountsRemoved(), body.count(), body.amount(),
                        body.usdRate(), body.rateDate(), body.rateSource(), body.reason(),
                        expectedVersion(RecordVersions.ifMatch(ifMatch), body.expectedVersion())),
                recordLocation(id, recordId));
    }

    /** The version a correction expects: from If-Match or the body, which must agree when both are given. */
    private static Long expectedVersion(Long fromHeader, Long fromBody) {
        if (fromHeader != null && fromBody != null && !fromHeader.equals(fromBody)) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, WebErrorCode.MALFORMED_REQUEST,
                    "If-Match names version " + fromHeader + " but expectedVersion is " + fromBody);
        }
        return fromHeader != null ? fromHeader : fromBody;
    }

    @PostMapping("/{id}/records/{recordId}/retraction")
    @Operation(operationId = "retractRecord", summary = "Retract a record, with the reason")
    Mono<ResponseEntity<WriteReceipt>> retract(@PathVariable String id, @PathVariable String recordId,
            @Valid @RequestBody WriteRequests.Retraction body,
            @Parameter(hidden = true) Authentication auth, @Parameter(hidden = true) ServerWebExchange exchange) {
        return writes.writeRecord(exchange, auth, body, () -> new RetractRecordCommand(id, recordId, body.reason()),
                recordLocation(id, recordId));
    }

    /** A record has no view of its own; its event history is where it can be read. */
    private static String recordLocation(String coalitionId, String recordId) {
        return "/api/v1/coalitions/" + coalitionId + "/records/" + recordId + "/events";
    }
}
