package org.coalitionledger.web.api;

import org.coalitionledger.web.limits.Uninterrupted;
import org.axonframework.queryhandling.QueryGateway;
import org.coalitionledger.api.view.FindViewStalenessQuery;
import org.coalitionledger.api.view.ViewStaleness;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * A live coalition view whose projection has parked an event of the coalition says so, rather than showing frozen
 * figures as current: a successful answer carries {@code Ledger-View-Stale: true} and
 * {@code Ledger-View-Stale-Since: <instant the first event was parked>} until an administrator retries or evicts
 * the dead letter. Views "as recorded at" or "as of a checkpoint" are folded from the log, not the projection, and
 * are never stale.
 */
@Component
class ViewStalenessHeader implements WebFilter {

    static final String STALE_HEADER = "Ledger-View-Stale";
    static final String STALE_SINCE_HEADER = "Ledger-View-Stale-Since";

    private static final PathPattern VIEWS = PathPatternParser.defaultInstance.parse("/api/v1/coalitions/{id}/**");

    private final QueryGateway queryGateway;

    ViewStalenessHeader(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        var match = HttpMethod.GET.equals(request.getMethod())
                ? VIEWS.matchAndExtract(PathContainer.parsePath(request.getPath().value())) : null;
        if (match == null || request.getQueryParams().containsKey("recordedAt")
                || request.getQueryParams().containsKey("asOfCheckpoint")
                || request.getPath().value().endsWith("/events") || request.getPath().value().endsWith("/updates")) {
            return chain.filter(exchange);
        }
        String coalitionId = match.getUriVariables().get("id");
        exchange.getResponse().beforeCommit(() -> {
            var status = exchange.getResponse().getStatusCode();
            if (status != null && !status.is2xxSuccessful()) {
                return Mono.empty();
            }
            return Mono.fromFuture(() -> queryGateway.query(new FindViewStalenessQuery(coalitionId),
                            ViewStaleness.class))
                    .subscribeOn(Uninterrupted.SCHEDULER)
                    .doOnNext(staleness -> {
                        if (staleness.stale()) {
                            exchange.getResponse().getHeaders().set(STALE_HEADER, "true");
                            exchange.getResponse().getHeaders().set(STALE_SINCE_HEADER,
                                    staleness.staleSince().toString());
                        }
                    })
                    .then();
        });
        return chain.filter(exchange);
    }
}
