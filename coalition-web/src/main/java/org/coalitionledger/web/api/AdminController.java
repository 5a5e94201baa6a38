package org.coalitionledger.web.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.coalitionledger.api.view.RebuildViewsCommand;
import org.coalitionledger.api.view.ViewsRebuild;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.UUID;

/**
 * Operators' actions. A projection rebuild empties the views and replays the event store; it is a command (so the
 * actor is checked like any other) that records a ledger fact naming who asked and why, answered 202 because the
 * views fill up again afterwards. Auditors page through such acts at {@code GET /api/v1/admin/events}.
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
            summary = "Empty every view projection and rebuild it from the event store, for a reason; recorded as "
                    + "a ViewsRebuildStartedEvent (views are incomplete until the replay catches up)")
    Mono<ResponseEntity<ViewsRebuild>> rebuild(@Valid @RequestBody WriteRequests.Rebuild body,
                                               @Parameter(hidden = true) Authentication auth,
                                               @Parameter(hidden = true) ServerWebExchange exchange) {
        return Mono.defer(() -> {
            Caller caller = Caller.of(auth, exchange);
            RebuildViewsCommand command = new RebuildViewsCommand(UUID.randomUUID().toString(), body.reason());
            return Mono.fromFuture(() -> commandGateway.<ViewsRebuild>send(GenericCommandMessage
                            .asCommandMessage(command).andMetaData(caller.metaData(caller.requestId()))))
                    // The command bus runs the handler (it stops and resets the processors) on the calling thread.
                    .subscribeOn(Schedulers.boundedElastic())
                    .timeout(reads.timeout())
                    .map(result -> ResponseEntity.status(HttpStatus.ACCEPTED).body(result));
        });
    }
}
