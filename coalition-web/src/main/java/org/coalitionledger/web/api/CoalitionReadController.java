package org.coalitionledger.web.api;

import org.coalitionledger.web.limits.Uninterrupted;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.coalitionledger.web.limits.Limits;
import org.coalitionledger.api.validation.Checks;
import org.coalitionledger.api.view.CoalitionListView;
import org.coalitionledger.api.view.CoalitionView;
import org.coalitionledger.api.view.FindCoalitionQuery;
import org.coalitionledger.api.view.FindCoalitionsQuery;
import org.coalitionledger.api.view.FindGoalProgressQuery;
import org.coalitionledger.api.view.FindMembershipQuery;
import org.coalitionledger.api.view.FindRestatementsQuery;
import org.coalitionledger.api.view.FindYearOverYearQuery;
import org.coalitionledger.api.view.GoalProgressView;
import org.coalitionledger.api.view.MembershipView;
import org.coalitionledger.api.view.RestatementTrailView;
import org.coalitionledger.api.view.YearOverYearView;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;

/**
 * The partner's reads: the views the query side keeps, through typed queries. {@code recordedAt} asks for a view
 * as the ledger recorded it at that instant (what was believed then, by the verifiable log's record time);
 * {@code asOfCheckpoint} as of a signed checkpoint (the answer carries the {@value Reads#CHECKPOINT_HEADER} header);
 * without either the view is live.
 */
@RestController
@RequestMapping(path = "/api/v1/coalitions", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Views", description = "Projections of the ledger (roles PARTNER, AUDITOR, ADMIN)")
class CoalitionReadController {

    static final String CSV = "text/csv";
    static final String AS_OF_CHECKPOINT = "as of the signed checkpoint of this tree size (GET /api/v1/audit/checkpoint "
            + "has the latest): the view the offline verifier reproduces from that checkpoint's bundle; not with "
            + "recordedAt";
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final Reads reads;
    private final QueryGateway queryGateway;
    private final Duration streamLifetime;

    CoalitionReadController(Reads reads, QueryGateway queryGateway, Limits limits) {
        this.reads = reads;
        this.queryGateway = queryGateway;
        this.streamLifetime = limits.liveStreams().maxLifetime();
    }

    @GetMapping
    @Operation(operationId = "listCoalitions", summary = "The coalitions the ledger holds, by id, a page at a time",
            description = "Pass the answer's next as 'after' for the following page, until next is null.")
    Mono<CoalitionListView> coalitions(
            @Parameter(description = "the last coalition id already seen (the previous page's next)")
            @RequestParam(required = false) String after,
            @Parameter(description = Paging.LIMIT_DESCRIPTION)
            @RequestParam(defaultValue = Paging.DEFAULT_LIMIT) int limit) {
        return Mono.defer(() -> {
            Paging.checkLimit(limit);
            if (after != null) {
                Checks.id(after, "after");
            }
            return reads.query(new FindCoalitionsQuery(after, limit), CoalitionListView.class)
                    .defaultIfEmpty(new CoalitionListView(List.of(), null));
        });
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getCoalition", summary = "One coalition in brief")
    Mono<CoalitionView> coalition(@PathVariable String id,
            @Parameter(description = "as recorded at this instant (ISO 8601), default live")
            @RequestParam(required = false) Instant recordedAt,
            @Parameter(description = AS_OF_CHECKPOINT) @RequestParam(required = false) Long asOfCheckpoint) {
        return reads.historicView(id, recordedAt, asOfCheckpoint,
                new FindCoalitionQuery(id, recordedAt, asOfCheckpoint), CoalitionView.class);
    }

    @GetMapping(path = "/{id}/members", produces = {MediaType.APPLICATION_JSON_VALUE, CSV})
    @Operation(operationId = "getMembers", summary = "The members on a business date (default: today, UTC)",
            description = "JSON, or CSV with Accept: text/csv (one row per member).")
    @ApiResponse(responseCode = "200", description = "the members on that date", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = MembershipView.class)),
            @Content(mediaType = CSV, schema = @Schema(type = "string"))})
    Mono<ResponseEntity<Object>> members(@PathVariable String id,
            @Parameter(description = "business date, ISO 8601 (yyyy-MM-dd)")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @Parameter(description = "as recorded at this instant (ISO 8601), default live")
            @RequestParam(required = false) Instant recordedAt,
            @Parameter(description = AS_OF_CHECKPOINT) @RequestParam(required = false) Long asOfCheckpoint,
            @Parameter(hidden = true) @RequestHeader(name = "Accept", required = false) String accept) {
        LocalDate date = asOf != null ? asOf : LocalDate.now(ZoneOffset.UTC);
        return reads.historicView(id, recordedAt, asOfCheckpoint,
                        new FindMembershipQuery(id, date, recordedAt, asOfCheckpoint), MembershipView.class)
                .map(view -> jsonOrCsv(accept, view, ViewsCsv::members));
    }

    @GetMapping(path = "/{id}/year-over-year", produces = {MediaType.APPLICATION_JSON_VALUE, CSV})
    @Operation(operationId = "getYearOverYear", summary = "One row per year: figures, cumulative, members, restatements",
            description = "JSON, or CSV with Accept: text/csv.")
    @ApiResponse(responseCode = "200", description = "the year-over-year table", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = YearOverYearView.class)),
            @Content(mediaType = CSV, schema = @Schema(type = "string"))})
    Mono<ResponseEntity<Object>> yearOverYear(@PathVariable String id,
            @Parameter(schema = @Schema(allowableValues = {"coalition-year", "calendar-year"}))
            @RequestParam(defaultValue = "coalition-year") String basis,
            @Parameter(description = "view as recorded at this instant (ISO 8601), default live")
            @RequestParam(required = false) Instant recordedAt,
            @Parameter(description = AS_OF_CHECKPOINT) @RequestParam(required = false) Long asOfCheckpoint,
            @Parameter(hidden = true) @RequestHeader(name = "Accept", required = false) String accept) {
        return Mono.defer(() -> reads.historicView(id, recordedAt, asOfCheckpoint,
                        new FindYearOverYearQuery(id, Reads.basis(basis), recordedAt, asOfCheckpoint),
                        YearOverYearView.class))
                .map(view -> jsonOrCsv(accept, view, ViewsCsv::yearOverYear));
    }

    @GetMapping(path = "/{id}/goals/progress", produces = {MediaType.APPLICATION_JSON_VALUE, CSV})
    @Operation(operationId = "getGoalProgress", summary = "Every goal of the coalition and its progress",
            description = "JSON, or CSV with Accept: text/csv (one row per goal and coalition year).")
    @ApiResponse(responseCode = "200", description = "the goals and their progress", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = GoalProgressView.class)),
            @Content(mediaType = CSV, schema = @Schema(type = "string"))})
    Mono<ResponseEntity<Object>> goalProgress(@PathVariable String id,
            @Parameter(description = "as recorded at this instant (ISO 8601), default live")
            @RequestParam(required = false) Instant recordedAt,
            @Parameter(description = AS_OF_CHECKPOINT) @RequestParam(required = false) Long asOfCheckpoint,
            @Parameter(hidden = true) @RequestHeader(name = "Accept", required = false) String accept) {
        return reads.historicView(id, recordedAt, asOfCheckpoint,
                        new FindGoalProgressQuery(id, recordedAt, asOfCheckpoint), GoalProgressView.class)
                .map(view -> jsonOrCsv(accept, view, ViewsCsv::goals));
    }

    @GetMapping(path = "/{id}/restatements", produces = {MediaType.APPLICATION_JSON_VALUE, CSV})
    @Operation(operationId = "getRestatements", summary = "Every correction and retraction, in record order",
            description = "JSON, or CSV with Accept: text/csv (one row per restatement, figures before and after).")
    @ApiResponse(responseCode = "200", description = "the restatement trail", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = RestatementTrailView.class)),
            @Content(mediaType = CSV, schema = @Schema(type = "string"))})
    Mono<ResponseEntity<Object>> restatements(@PathVariable String id,
            @Parameter(description = "as recorded at this instant (ISO 8601), default live")
            @RequestParam(required = false) Instant recordedAt,
            @Parameter(description = AS_OF_CHECKPOINT) @RequestParam(required = false) Long asOfCheckpoint,
            @Parameter(hidden = true) @RequestHeader(name = "Accept", required = false) String accept) {
        return reads.historicView(id, recordedAt, asOfCheckpoint,
                        new FindRestatementsQuery(id, recordedAt, asOfCheckpoint), RestatementTrailView.class)
                .map(view -> jsonOrCsv(accept, view, ViewsCsv::restatements));
    }

    /**
     * Live year-over-year view as Server-Sent Events: the current view first, then the whole new view each time it
     * changes (event name {@code year-over-year}), with a comment every 15 s to keep proxies from closing the
     * stream. Driven by an Axon subscription query, cancelled when the client goes away. The server ends the stream
     * after {@code coalition.web.limits.live-streams.max-lifetime} (a clean end: the client reconnects); how many
     * streams may be open is {@link org.coalitionledger.web.limits.AdmissionControl}'s.
     */
    @GetMapping(path = "/{id}/updates", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(operationId = "streamUpdates", summary = "Server-Sent Events as the year-over-year view changes")
    @ApiResponse(responseCode = "200", description = "an event stream of year-over-year views", content =
    @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(implementation = YearOverYearView.class)))
    Mono<ResponseEntity<Flux<ServerSentEvent<Object>>>> updates(@PathVariable String id,
            @Parameter(schema = @Schema(allowableValues = {"coalition-year", "calendar-year"}))
            @RequestParam(defaultValue = "coalition-year") String basis) {
        return Mono.defer(() -> {
            Reads.coalitionId(id);
            FindYearOverYearQuery query = new FindYearOverYearQuery(id, Reads.basis(basis), null);
            SubscriptionQueryResult<YearOverYearView, YearOverYearView> subscription =
                    queryGateway.subscriptionQuery(query, YearOverYearView.class, YearOverYearView.class);
            return subscription.initialResult()
                    .subscribeOn(Uninterrupted.SCHEDULER)
                    .timeout(reads.timeout())
                    .switchIfEmpty(Mono.error(() -> Reads.notFound(id)))
                    .doOnError(e -> subscription.cancel())
                    .doOnCancel(subscription::cancel)
                    .map(initial -> {
                        Flux<ServerSentEvent<Object>> views = Flux.concat(Mono.just(initial), subscription.updates())
                                .map(view -> ServerSentEvent.<Object>builder(view).event("year-over-year").build());
                        Flux<ServerSentEvent<Object>> heartbeats = Flux.interval(HEARTBEAT)
                                .map(tick -> ServerSentEvent.<Object>builder().comment("keep-alive").build());
                        return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM)
                                .body(Flux.merge(views, heartbeats).take(streamLifetime)
                                        .doFinally(signal -> subscription.cancel()));
                    });
        });
    }

    private static <V> ResponseEntity<Object> jsonOrCsv(String accept, V view, Function<V, String> csv) {
        return wantsCsv(accept)
                ? ResponseEntity.ok().contentType(MediaType.parseMediaType(Csv.MEDIA_TYPE)).body(csv.apply(view))
                : ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(view);
    }

    /** CSV only when the client asks for it by name: a browser's or tool's wildcard Accept gets JSON. */
    static boolean wantsCsv(String accept) {
        if (accept == null) {
            return false;
        }
        List<MediaType> types = MediaType.parseMediaTypes(accept);
        org.springframework.util.MimeTypeUtils.sortBySpecificity(types);
        for (MediaType type : types) {
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardType()) {
                return false;
            }
            if (type.getType().equals("text") && type.getSubtype().equals("csv")) {
                return true;
            }
        }
        return false;
    }
}
