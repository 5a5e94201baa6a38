package org.coalitionledger.web.api;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Every view answered as of a checkpoint says so: a successful response to a coalition view asked with
 * {@code asOfCheckpoint=N} carries {@code Ledger-Checkpoint: N}, the signed checkpoint it follows from.
 */
@Component
class CheckpointHeader implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String asOf = exchange.getRequest().getQueryParams().getFirst("asOfCheckpoint");
        if (asOf != null && exchange.getRequest().getPath().value().startsWith("/api/v1/coalitions/")) {
            exchange.getResponse().beforeCommit(() -> {
                var status = exchange.getResponse().getStatusCode();
                if (status == null || status.is2xxSuccessful()) {
                    exchange.getResponse().getHeaders().set(Reads.CHECKPOINT_HEADER, asOf);
                }
                return Mono.empty();
            });
        }
        return chain.filter(exchange);
    }
}
