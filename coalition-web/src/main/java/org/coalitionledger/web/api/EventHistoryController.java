package org.coalitionledger.web.api;

import org.coalitionledger.web.limits.Uninterrupted;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.coalitionledger.api.LedgerMetadata;
import org.coalitionledger.api.error.CoalitionErrorCode;
import org.coalitionledger.api.error.InvalidCommandException;
import org.coalitionledger.api.reporting.RecordIds;
import org.coalitionledger.api.validation.Checks;
import org.coalitionledger.web.commands.RecordStreams;
import org.coalitionledger.web.error.ApiProblemException;
import org.coalitionledger.web.error.WebErrorCode;
import org.coalitionledger.web.limits.BlockingWork;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The auditor's reads: every event with its metadata (actor, role, credential, how they authenticated, record time,
 * request id), paged as JSON or
 * streamed as NDJSON ({@code Accept: application/x-ndjson}). A coalition's history is every event whose payload
 * names it, in store order (global index); the administrative acts are every stream whose id starts with
 * {@code admin:}; both are read through indexes that stop after the page ({@link EventPages}), so a page costs that
 * page and not the store. A record's history is its stream, found within its coalition ({@link RecordStreams}).
 * Reads Axon's event store (infrastructure), never the command or query side.
 */
@RestController
@Tag(name = "Event history", description = "Every event with who/when metadata (role AUDITOR)")
class EventHistoryController {

    static final String NDJSON = "application/x-ndjson";
    private final EventStore eventStore;
    private final RecordStreams recordStreams;
    private final BlockingWork work;
    private final EventPages events;

    EventHistoryController(EventStore eventStore, RecordStreams recordStreams, BlockingWork work, EventPages events) {
        this.eventStore = eventStore;
        this.recordStreams = recordStreams;
        this.work = work;
        this.events = events;
    }

    @GetMapping(path = "/api/v1/coalitions/{id}/events", produces = {MediaType.APPLICATION_JSON_VALUE, NDJSON})
    @Operation(operationId = "getCoalitionEvents", summary = "A coalition's full event history with metadata")
    @ApiResponse(responseCode = "200", description = "a page (JSON) or the whole history after 'after' (NDJSON)",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = EventPage.class)),
                    @Content(mediaType = NDJSON, schema = @Schema(implementation = EventView.class))})
    Mono<ResponseEntity<Object>> coalitionEvents(@PathVariable String id,
            @Parameter(description = "global index of the last event already seen (the previous page's next)")
            @RequestParam(required = false) Long after,
            @Parameter(description = Paging.LIMIT_DESCRIPTION + " (JSON only)")
            @RequestParam(defaultValue = Paging.DEFAULT_LIMIT) int limit,
            @Parameter(hidden = true) @RequestHeader(name = "Accept", required = false) String accept) {
        return Mono.defer(() -> {
            Checks.id(id, "coalitionId");
            checkPaging(after, limit);
            return Mono.fromCallable(() -> eventStore.lastSequenceNumberFor(id).isPresent())
                    .subscribeOn(Uninterrupted.SCHEDULER)
                    .flatMap(exists -> {
                        if (!exists) {
                            return Mono.error(new InvalidCommandException(CoalitionErrorCode.COALITION_NOT_FOUND,
                                    "no such coalition: " + id));
                        }
                        return respondInPages((from, max) -> events.coalition(id, from, max), after, limit,
                                accept);
                    });
        });
    }

    @GetMapping(path = "/api/v1/coalitions/{id}/records/{recordId}/events",
            produces = {MediaType.APPLICATION_JSON_VALUE, NDJSON})
    @Operation(operationId = "getCoalitionRecordEvents", summary = "One record's event history (recording, "
            + "corrections, retraction) with metadata; record ids are the coalition's own")
    @ApiResponse(responseCode = "200", description = "a page (JSON) or the whole history after 'after' (NDJSON)",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = EventPage.class)),
                    @Content(mediaType = NDJSON, schema = @Schema(implementation = EventView.class))})
    Mono<ResponseEntity<Object>> coalitionRecordEvents(@PathVariable String id, @PathVariable String recordId,
            @Parameter(description = "sequence number of the last event already seen (the previous page's next)")
            @RequestParam(required = false) Long after,
            @Parameter(description = Paging.LIMIT_DESCRIPTION + " (JSON only)")
            @RequestParam(defaultValue = Paging.DEFAULT_LIMIT) int limit,
            @Parameter(hidden = true) @RequestHeader(name = "Accept", required = false) String accept) {
        return Mono.defer(() -> {
            Checks.id(id, "coalitionId");
            Checks.id(recordId, "recordId");
            checkPaging(after, limit);
            return Mono.fromCallable(() -> recordStreams.of(id, recordId))
                    .subscribeOn(Uninterrupted.SCHEDULER)
                    .flatMap(stream -> recordHistory(stream, "coalition '" + id + "' has no record '" + recordId
                            + "'", after, limit, accept));
        });
    }

    @GetMapping(path = "/api/v1/records/{recordId}/events", produces = {MediaType.APPLICATION_JSON_VALUE, NDJSON})
    @Operation(operationId = "getRecordEvents", summary = "The event history of a record recorded before record ids "
            + "were scoped to their coalition (a legacy record stream); any other record: "
            + "/api/v1/coalitions/{id}/records/{recordId}/events")
    @ApiResponse(responseCode = "200", description = "a page (JSON) or the whole history after 'after' (NDJSON)",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = EventPage.class)),
                    @Content(mediaType = NDJSON, schema = @Schema(implementation = EventView.class))})
    Mono<ResponseEntity<Object>> recordEvents(@PathVariable String recordId,
            @Parameter(description = "sequence number of the last event already seen (the previous page's next)")
            @RequestParam(required = false) Long after,
            @Parameter(description = Paging.LIMIT_DESCRIPTION + " (JSON only)")
            @RequestParam(defaultValue = Paging.DEFAULT_LIMIT) int limit,
            @Parameter(hidden = true) @RequestHeader(name = "Accept", required = false) String accept) {
        return Mono.defer(() -> {
            Checks.id(recordId, "recordId");
            checkPaging(after, limit);
            // Legacy ids were global, so this route is unambiguous for them only; a scoped record is read through
            // its coalition.
            return recordHistory(RecordIds.legacyAggregateId(recordId), "no record '" + recordId
                    + "' from before record ids were scoped; read a record through its coalition: "
                    + "/api/v1/coalitions/{id}/records/" + recordId + "/events", after, limit, accept);
        });
    }

    /** One record stream's events, with the record's version (its ETag); 404 when the stream holds none. */
    private Mono<ResponseEntity<Object>> recordHistory(String stream, String notFound, Long after, int limit,
                                                       String accept) {
        return Mono.fromCallable(() -> eventStore.lastSequenceNumberFor(stream).orElse(-1L))
                .subscribeOn(Uninterrupted.SCHEDULER)
                .flatMap(version -> {
                    if (version < 0) {
                        return Mono.error(new InvalidCommandException(CoalitionErrorCode.RECORD_NOT_FOUND, notFound));
                    }
                    // The record's version as of this read: what a correction names in If-Match.
                    return respond(() -> eventStore.readEvents(stream, after == null ? 0 : after + 1).asStream()
                                    .map(event -> view(null, event)), accept, limit, view -> view.sequenceNumber())
                            .map(response ->
                            ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                                    .eTag(RecordVersions.etag(version)).body(response.getBody()));
                });
    }

    @GetMapping(path = "/api/v1/admin/events", produces = {MediaType.APPLICATION_JSON_VALUE, NDJSON})
    @Operation(operationId = "getAdministrativeEvents", summary = "Every administrative act (projection rebuilds, "
            + "...) with who asked for it and why, in store order")
    @ApiResponse(responseCode = "200", description = "a page (JSON) or the whole history after 'after' (NDJSON)",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = EventPage.class)),
                    @Content(mediaType = NDJSON, schema = @Schema(implementation = EventView.class))})
    Mono<ResponseEntity<Object>> administrativeEvents(
            @Parameter(description = "global index of the last event already seen (the previous page's next)")
            @RequestParam(required = false) Long after,
            @Parameter(description = Paging.LIMIT_DESCRIPTION + " (JSON only)")
            @RequestParam(defaultValue = Paging.DEFAULT_LIMIT) int limit,
            @Parameter(hidden = true) @RequestHeader(name = "Accept", required = false) String accept) {
        return Mono.defer(() -> {
            checkPaging(after, limit);
            return respondInPages(events::administrative, after, limit, accept);
        });
    }

    private static void checkPaging(Long after, int limit) {
        Paging.checkLimit(limit);
        // The next position is after + 1, so the largest long would wrap around to the start of the stream.
        if (after != null && (after < 0 || after == Long.MAX_VALUE)) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, WebErrorCode.VALIDATION_FAILED,
                    "after must be between 0 and " + (Long.MAX_VALUE - 1));
        }
    }

    /**
     * NDJSON streams every event, read on a bounded-elastic worker as the client takes them; a JSON page is read on
     * a worker, where cancelling the request (the client left, or its time budget ran out) stops the read.
     */
    private Mono<ResponseEntity<Object>> respond(Supplier<Stream<EventView>> events, String accept, int limit,
                                                 java.util.function.Function<EventView, Long> position) {
        if (ndjson(accept)) {
            Flux<EventView> all = Flux.defer(() -> Flux.<EventView>fromStream(events::get))
                    .subscribeOn(Uninterrupted.SCHEDULER);
            return Mono.just(ResponseEntity.ok().contentType(MediaType.parseMediaType(NDJSON)).body(all));
        }
        return work.call(() -> {
            try (Stream<EventView> stream = events.get()) {
                return stream.limit(limit + 1L).toList();
            }
        }).map(read -> {
            boolean more = read.size() > limit;
            List<EventView> page = more ? read.subList(0, limit) : read;
            Long next = more ? position.apply(page.get(page.size() - 1)) : null;
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(new EventPage(page, next));
        });
    }

    /** Reads one page of events after a global index (-1 for the first): blocking. */
    private interface Pages {
        EventPages.Page read(long after, int max);
    }

    /**
     * A JSON page read on a worker, where cancelling the request stops the read; NDJSON streams page after page on
     * a bounded-elastic worker as the client takes them. Each page's {@code next} leads to the one after it.
     */
    private Mono<ResponseEntity<Object>> respondInPages(Pages pages, Long after, int limit, String accept) {
        long from = after == null ? -1L : after;
        if (ndjson(accept)) {
            int max = Paging.MAX_LIMIT;
            Flux<EventView> all = Flux.defer(() -> Flux.fromStream(() -> Stream.iterate(pages.read(from, max),
                                    Objects::nonNull, page -> page.next() == null ? null
                                            : pages.read(page.next(), max))
                            .flatMap(page -> page.events().stream().map(EventHistoryController::view))))
                    .subscribeOn(Uninterrupted.SCHEDULER);
            return Mono.just(ResponseEntity.ok().contentType(MediaType.parseMediaType(NDJSON)).body(all));
        }
        return work.call(() -> pages.read(from, limit)).map(page -> ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON).body(new EventPage(page.events().stream()
                        .map(EventHistoryController::view).toList(), page.next())));
    }

    private static boolean ndjson(String accept) {
        return accept != null && MediaType.parseMediaTypes(accept).stream()
                .anyMatch(type -> type.toString().startsWith(NDJSON));
    }

    private static EventView view(TrackedEventMessage<?> event) {
        return view(EventPages.position(event), event);
    }

    private static EventView view(Long globalIndex, EventMessage<?> event) {
        Map<String, Object> metadata = new LinkedHashMap<>(event.getMetaData());
        String aggregateId = null;
        long sequence = 0;
        if (event instanceof DomainEventMessage<?> domain) {
            aggregateId = domain.getAggregateIdentifier();
            sequence = domain.getSequenceNumber();
        }
        return new EventView(globalIndex, event.getIdentifier(), aggregateId, sequence,
                event.getPayloadType().getName(), event.getTimestamp(), text(metadata, LedgerMetadata.ACTOR),
                text(metadata, LedgerMetadata.ACTOR_ROLE), text(metadata, LedgerMetadata.CREDENTIAL_ID),
                text(metadata, LedgerMetadata.AUTH_METHOD), text(metadata, LedgerMetadata.REQUEST_ID),
                text(metadata, LedgerMetadata.CLIENT_REQUEST_ID),
                text(metadata, LedgerMetadata.IDEMPOTENCY_KEY), metadata, event.getPayload());
    }

    private static String text(Map<String, Object> metadata, String key) {
        Object value = metadata.get(key);
        return value == null ? null : value.toString();
    }

}
