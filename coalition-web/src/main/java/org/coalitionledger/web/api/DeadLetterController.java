package org.coalitionledger.web.api;

import org.coalitionledger.web.limits.Uninterrupted;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.coalitionledger.api.admin.DeadLetterEviction;
import org.coalitionledger.api.admin.DeadLetterListView;
import org.coalitionledger.api.admin.DeadLetterRetry;
import org.coalitionledger.api.admin.DeadLetterView;
import org.coalitionledger.api.admin.EvictDeadLetterCommand;
import org.coalitionledger.api.admin.FindDeadLetterQuery;
import org.coalitionledger.api.admin.FindDeadLettersQuery;
import org.coalitionledger.api.admin.RetryDeadLetterCommand;
import org.coalitionledger.api.error.CoalitionErrorCode;
import org.coalitionledger.api.error.InvalidCommandException;
import org.coalitionledger.api.validation.Checks;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The views' dead-letter queue, for administrators. An event the coalition views fail on is parked with every later
 * event of its coalition (the coalition's views answer {@value ViewStalenessHeader#STALE_HEADER} meanwhile); an
 * administrator inspects it, retries the sequence (after fixing the cause) or evicts the letter. Retries and
 * evictions are commands that record ledger facts ({@code DeadLetterRetriedEvent}, {@code DeadLetterEvictedEvent} on
 * stream {@code admin:dead-letter:<id>}), which auditors see at {@code GET /api/v1/admin/events}.
 */
@RestController
@RequestMapping(path = "/api/v1/admin/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Administration", description = "Operator actions (role ADMIN)")
class DeadLetterController {

    @Schema(description = "Why a dead letter is retried or evicted (recorded with the act).")
    record DeadLetterAction(@NotBlank @Size(max = Checks.MAX_TEXT)
                            @Pattern(regexp = ApiKeyController.PLAIN_TEXT) String reason) {
    }

    private final CommandGateway commandGateway;
    private final Reads reads;

    DeadLetterController(CommandGateway commandGateway, Reads reads) {
        this.commandGateway = commandGateway;
        this.reads = reads;
    }

    @GetMapping
    @Operation(operationId = "listDeadLetters",
            summary = "The parked events of the view projections, oldest first (payloads left out)")
    Mono<DeadLetterListView> list(@Parameter(description = "at most this many, 1 to " + Paging.MAX_LIMIT)
                                  @RequestParam(defaultValue = Paging.DEFAULT_LIMIT) int limit) {
        return Mono.defer(() -> {
            Paging.checkLimit(limit);
            return reads.query(new FindDeadLettersQuery(limit), DeadLetterListView.class)
                    .subscribeOn(Uninterrupted.SCHEDULER);
        });
    }

    @GetMapping("/{deadLetterId}")
    @Operation(operationId = "getDeadLetter",
            summary = "One parked event: where it is stored, why it failed, its payload and metadata as stored")
    Mono<DeadLetterView> get(@PathVariable String deadLetterId) {
        return Mono.defer(() -> reads.query(new FindDeadLetterQuery(id(deadLetterId)), DeadLetterView.class)
                .subscribeOn(Uninterrupted.SCHEDULER)
                .switchIfEmpty(Mono.error(() -> notFound(deadLetterId))));
    }

    @PostMapping(path = "/{deadLetterId}/retry", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "retryDeadLetter",
            summary = "Handle the letter's parked sequence again, in order, for a reason; recorded as a "
                    + "DeadLetterRetriedEvent (succeeded false: the first event that failed again stays parked)")
    Mono<ResponseEntity<DeadLetterRetry>> retry(@PathVariable String deadLetterId,
            @Valid @RequestBody DeadLetterAction body,
            @Parameter(hidden = true) Authentication auth, @Parameter(hidden = true) ServerWebExchange exchange) {
        return Mono.defer(() -> send(new RetryDeadLetterCommand(id(deadLetterId), body.reason()), auth, exchange,
                DeadLetterRetry.class));
    }

    @PostMapping(path = "/{deadLetterId}/eviction", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "evictDeadLetter",
            summary = "Remove a letter from the queue for a reason: the views skip that event for good; recorded "
                    + "as a DeadLetterEvictedEvent")
    Mono<ResponseEntity<DeadLetterEviction>> evict(@PathVariable String deadLetterId,
            @Valid @RequestBody DeadLetterAction body,
            @Parameter(hidden = true) Authentication auth, @Parameter(hidden = true) ServerWebExchange exchange) {
        return Mono.defer(() -> send(new EvictDeadLetterCommand(id(deadLetterId), body.reason()), auth, exchange,
                DeadLetterEviction.class));
    }

    private <R> Mono<ResponseEntity<R>> send(Object command, Authentication auth, ServerWebExchange exchange,
                                            Class<R> result) {
        Caller caller = Caller.of(auth, exchange);
        return Mono.fromFuture(() -> commandGateway.<R>send(GenericCommandMessage.asCommandMessage(command)
                        .andMetaData(caller.metaData(caller.requestId()))))
                .subscribeOn(Uninterrupted.SCHEDULER)
                .timeout(reads.timeout())
                .map(answer -> ResponseEntity.ok(result.cast(answer)));
    }

    private static String id(String deadLetterId) {
        return Checks.id(deadLetterId, "deadLetterId");
    }

    private static InvalidCommandException notFound(String deadLetterId) {
        return new InvalidCommandException(CoalitionErrorCode.DEAD_LETTER_NOT_FOUND,
                "no such dead letter: " + deadLetterId);
    }
}
