package org.coalitionledger.web.limits;

import org.coalitionledger.web.error.Problems;
import org.coalitionledger.web.error.WebErrorCode;
import org.coalitionledger.web.security.ProblemResponses;
import org.coalitionledger.web.security.SecurityConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

import java.security.Principal;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admission control, the one place where expensive requests are counted: views as recorded at an instant or as of a
 * checkpoint, event histories, verification, bundles, imports and live streams. Over a credential's limit the answer
 * is 429 {@code TOO_MANY_REQUESTS}, over the node's 503 {@code SERVER_BUSY}, both problem+json with
 * {@code Retry-After}, before any work starts. A read over its time budget is cancelled, which stops its work (the
 * log's streaming reads check for cancellation between rows and their statement is cancelled), and answered 503
 * {@code TIME_BUDGET_EXCEEDED}. A slot is freed when the response ends, however it ends.
 * <p>
 * Runs after security (the credential is known, an anonymous caller has been refused) and before the body limits.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 20)
@EnableConfigurationProperties(Limits.class)
public class AdmissionControl implements WebFilter {

    /** The kinds of expensive request, each with its own limits. */
    public enum Kind {
        HISTORIC_VIEW, EVENT_HISTORY, VERIFICATION, BUNDLE, IMPORT, LIVE_STREAM
    }

    private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;
    private static final PathPattern VIEW = PARSER.parse("/api/v1/coalitions/{id}/{*view}");
    private static final Map<String, Kind> GET_ROUTES = Map.of(
            "/api/v1/coalitions/{id}/events", Kind.EVENT_HISTORY,
            "/api/v1/records/{recordId}/events", Kind.EVENT_HISTORY,
            "/api/v1/admin/events", Kind.EVENT_HISTORY,
            "/api/v1/audit/verification", Kind.VERIFICATION,
            "/api/v1/audit/bundle", Kind.BUNDLE,
            "/api/v1/coalitions/{id}/updates", Kind.LIVE_STREAM);
    private static final PathPattern IMPORTS = PARSER.parse("/api/v1/coalitions/{id}/imports");
    private static final java.util.List<String> VIEWS = java.util.List.of("", "/members", "/year-over-year",
            "/goals/progress", "/restatements");

    private final Limits limits;
    private final ObjectMapper mapper;
    private final Map<Kind, Slots> slots = new EnumMap<>(Kind.class);
    private final Map<PathPattern, Kind> getRoutes = new java.util.LinkedHashMap<>();

    public AdmissionControl(Limits limits, ObjectMapper mapper) {
        this.limits = limits;
        this.mapper = mapper;
        for (Kind kind : Kind.values()) {
            slots.put(kind, new Slots(total(kind), perCredential(kind)));
        }
        GET_ROUTES.forEach((pattern, kind) -> getRoutes.put(PARSER.parse(pattern), kind));
    }

    /** Requests of this kind running now (a metric, and what the tests count). */
    public int running(Kind kind) {
        return slots.get(kind).running.get();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Optional<Kind> kind = kindOf(exchange.getRequest());
        if (kind.isEmpty()) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal().map(AdmissionControl::credentialOf).defaultIfEmpty("anonymous")
                .flatMap(credential -> admit(kind.get(), credential, exchange, chain));
    }

    private Mono<Void> admit(Kind kind, String credential, ServerWebExchange exchange, WebFilterChain chain) {
        Slots kindSlots = slots.get(kind);
        Admission admission = kindSlots.tryAcquire(credential);
        if (admission == Admission.CREDENTIAL_FULL) {
            return refuse(exchange, HttpStatus.TOO_MANY_REQUESTS, WebErrorCode.TOO_MANY_REQUESTS,
                    "you already have " + perCredential(kind) + " " + describe(kind) + " running, the most one "
                            + "credential may; retry when one has finished");
        }
        if (admission == Admission.SERVER_FULL) {
            return refuse(exchange, HttpStatus.SERVICE_UNAVAILABLE, WebErrorCode.SERVER_BUSY,
                    "the server is running " + total(kind) + " " + describe(kind) + ", the most it takes on at "
                            + "once; retry later");
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                kindSlots.release(credential);
            }
        };
        if (kind == Kind.IMPORT || kind == Kind.HISTORIC_VIEW) {
            // One JSON answer, computed in full before any of it is written: its slot is free before the answer is
            // committed, so a client that sends its next request on reading this one finds the slot free. (Streamed
            // answers, such as bundles, keep theirs until the last byte.)
            exchange.getResponse().beforeCommit(() -> Mono.fromRunnable(release));
        }
        Mono<Void> work = chain.filter(exchange);
        Duration budget = budget(kind);
        if (budget != null) {
            work = work.timeout(budget).onErrorResume(TimeoutException.class, timeout -> refuse(exchange,
                    HttpStatus.SERVICE_UNAVAILABLE, WebErrorCode.TIME_BUDGET_EXCEEDED, describe(kind)
                            + " may run for at most " + budget.toMillis() + " ms; this one was stopped (ask for "
                            + "less, or retry later)"));
        }
        // Otherwise released as the work ends, before its completion travels on to the server (and to the filters
        // around this one, such as the access log). A cancelled request releases it too.
        return work.doOnTerminate(release).doFinally(signal -> release.run());
    }

    private Mono<Void> refuse(ServerWebExchange exchange, HttpStatus status, WebErrorCode code, String detail) {
        ProblemDetail problem = Problems.of(status, code, detail);
        if (!exchange.getResponse().isCommitted()) {
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER,
                    Long.toString(Math.max(1, limits.retryAfter().toSeconds())));
        }
        return ProblemResponses.write(exchange, mapper, problem);
    }

    Optional<Kind> kindOf(ServerHttpRequest request) {
        PathContainer path = request.getPath().pathWithinApplication();
        if (HttpMethod.POST.equals(request.getMethod())) {
            return IMPORTS.matches(path) ? Optional.of(Kind.IMPORT) : Optional.empty();
        }
        if (!HttpMethod.GET.equals(request.getMethod())) {
            return Optional.empty();
        }
        for (Map.Entry<PathPattern, Kind> route : getRoutes.entrySet()) {
            if (route.getKey().matches(path)) {
                return Optional.of(route.getValue());
            }
        }
        var view = VIEW.matchAndExtract(path);
        if (view != null && VIEWS.contains(view.getUriVariables().get("view"))
                && (request.getQueryParams().containsKey("recordedAt")
                || request.getQueryParams().containsKey("asOfCheckpoint"))) {
            return Optional.of(Kind.HISTORIC_VIEW);
        }
        return Optional.empty();
    }

    private static String credentialOf(Principal principal) {
        if (principal instanceof SecurityConfig.TokenAuthentication token) {
            return token.identity().credentialId();
        }
        return principal.getName();
    }

    private Limits.Limit limit(Kind kind) {
        return switch (kind) {
            case HISTORIC_VIEW -> limits.historicViews();
            case EVENT_HISTORY -> limits.eventHistory();
            case VERIFICATION -> limits.verification();
            case BUNDLE -> limits.bundles();
            case IMPORT -> limits.imports();
            case LIVE_STREAM -> null;
        };
    }

    private int total(Kind kind) {
        return kind == Kind.LIVE_STREAM ? limits.liveStreams().total() : limit(kind).total();
    }

    private int perCredential(Kind kind) {
        return kind == Kind.LIVE_STREAM ? limits.liveStreams().perCredential() : limit(kind).perCredential();
    }

    private Duration budget(Kind kind) {
        return kind == Kind.LIVE_STREAM ? null : limit(kind).timeBudget();
    }

    private static String describe(Kind kind) {
        return switch (kind) {
            case HISTORIC_VIEW -> "views as recorded at an instant or as of a checkpoint";
            case EVENT_HISTORY -> "event histories";
            case VERIFICATION -> "verifications of the log";
            case BUNDLE -> "audit bundles";
            case IMPORT -> "bulk imports";
            case LIVE_STREAM -> "live update streams";
        };
    }

    private enum Admission { ADMITTED, CREDENTIAL_FULL, SERVER_FULL }

    /** Counting slots: in total and per credential (a credential's entry is dropped when it has none running). */
    private static final class Slots {
        private final int total;
        private final int perCredential;
        private final AtomicInteger running = new AtomicInteger();
        private final ConcurrentHashMap<String, Integer> byCredential = new ConcurrentHashMap<>();

        Slots(int total, int perCredential) {
            this.total = total;
            this.perCredential = perCredential;
        }

        Admission tryAcquire(String credential) {
            AtomicBoolean taken = new AtomicBoolean();
            byCredential.compute(credential, (key, count) -> {
                int now = count == null ? 0 : count;
                if (now >= perCredential) {
                    return count;
                }
                taken.set(true);
                return now + 1;
            });
            if (!taken.get()) {
                return Admission.CREDENTIAL_FULL;
            }
            if (running.incrementAndGet() > total) {
                running.decrementAndGet();
                giveBack(credential);
                return Admission.SERVER_FULL;
            }
            return Admission.ADMITTED;
        }

        void release(String credential) {
            running.decrementAndGet();
            giveBack(credential);
        }

        private void giveBack(String credential) {
            byCredential.computeIfPresent(credential, (key, count) -> count <= 1 ? null : count - 1);
        }
    }
}
