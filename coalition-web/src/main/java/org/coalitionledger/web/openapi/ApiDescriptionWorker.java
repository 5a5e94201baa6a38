package org.coalitionledger.web.openapi;

import org.coalitionledger.web.limits.Uninterrupted;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Serves the API description ({@code /v3/api-docs}) from a worker thread, never from the HTTP event loop: springdoc
 * builds and reads it under a lock, and the build started at start-up (pre-loading) holds that lock for seconds, so a
 * request arriving meanwhile would wait for it on the event loop, stalling every connection of that loop. Last in the
 * filter chain, so only the handler moves.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiDescriptionWorker implements WebFilter {

    static final String PATH = "/v3/api-docs";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getPath().pathWithinApplication().value().startsWith(PATH)) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange).subscribeOn(Uninterrupted.SCHEDULER);
    }
}
