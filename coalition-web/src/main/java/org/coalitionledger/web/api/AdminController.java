package org.coalitionledger.web.api;

import org.coalitionledger.web.limits.Uninterrupted;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.coalitionledger.api.view.FindViewsRebuildProgressQuery;
import org.coalitionledger.api.view.RebuildViewsCommand;
import org.coalitionledger.api.view.ViewsRebuild;
import org.coalitionledger.api.view.ViewsRebuildProgress;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.UUID;

/**
 * Operators' actions. A projection rebuild replays the event store into a new copy of the views while partners keep
 * reading the current one, and switches over once it has caught up; it is a command (so the actor is checked like
 * any other) that records a ledger fact naming who asked and why, answered 202 because the replay goes on afterwards;
 * its progress is at {@code GET /api/v1/admin/views/rebuild}. Auditors page through such acts at {@code GET /api/v1/admin/events}.
 */
@RestController
@Tag(name = "Administration", description = "Operator actions (role ADMIN)")
class AdminController {

    private final CommandGateway commandGateway;
    private final Reads reads;

    AdminController(CommandGateway commandGateway, Reads reads) {
        this.commandGateway = commandGateway;
        this.reads = reads;
    }

    @PostMapping(path = "/api/v1/admin/projections/rebuild", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "rebuildProjections",
            summary = "Rebuild every view projection from the event store into a new copy, for a reason; recorded as "
                    + "a ViewsRebuildStartedEvent. Partners read the previous copy, complete, until the new one has "
                    + "caught up and replaces it")
    Mono<ResponseEntity<ViewsRebuild>> rebuild(@Valid @RequestBody WriteRequests.Rebuild body,
                                               @Parameter(hidden = true) Authentication auth,
                                               @Parameter(hidden = true) ServerWebExchange exchange) {
        return Mono.defer(() -> {
            Caller caller = Caller.of(auth, exchange);
            RebuildViewsCommand command = new RebuildViewsCommand(UUID.randomUUID().toString(), body.reason());
            return Mono.fromFuture(() -> commandGateway.<ViewsRebuild>send(GenericCommandMessage
                            .asCommandMessage(command).andMetaData(caller.metaData(caller.requestId()))))
                    // The command bus runs the handler (it stops and resets the processors) on the calling thread.
                    .subscribeOn(Uninterrupted.SCHEDULER)
                    .timeout(reads.timeout())
                    .map(result -> ResponseEntity.status(HttpStatus.ACCEPTED).body(result));
        });
    }

    @GetMapping(path = "/api/v1/admin/views/rebuild", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getViewsRebuildProgress",
            summary = "How far a views rebuild has got: state (PUBLISHED or REBUILDING), the generation partners "
                    + "read, the one being filled, the event store's head when the rebuild started and the "
                    + "position the replay has reached on this node")
    Mono<ViewsRebuildProgress> rebuildProgress() {
        return reads.query(new FindViewsRebuildProgressQuery(), ViewsRebuildProgress.class);
    }
}
