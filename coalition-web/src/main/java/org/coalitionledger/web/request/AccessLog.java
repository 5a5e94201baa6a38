package org.coalitionledger.web.request;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * One line per request, when its response is complete: method, path (never the query string, which may carry what a
 * log must not), status, duration, and the problem code of a 4xx/5xx, with the request's fields
 * ({@link RequestLog}: id, person, role). Runs first, so refusals by the later filters (a bad request id, 401, 403)
 * are logged too. In JSON logs the figures are ECS fields ({@code http.request.method}, {@code url.path},
 * {@code http.response.status_code}, {@code event.duration} in nanoseconds).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AccessLog implements WebFilter {

    private static final Logger log = LoggerFactory.getLogger(AccessLog.class);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long started = System.nanoTime();
        return chain.filter(exchange).doFinally(signal -> {
            if (log.isInfoEnabled()) {
                write(exchange, signal, System.nanoTime() - started);
            }
        });
    }

    private static void write(ServerWebExchange exchange, SignalType signal, long nanos) {
        String method = exchange.getRequest().getMethod().name();
        String path = exchange.getRequest().getPath().value();
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        // No status set: the default 200, or a failure that the server's last-resort handler answers with 500.
        int code = status != null ? status.value() : signal == SignalType.ON_ERROR ? 500 : 200;
        RequestLog request = RequestLog.of(exchange);
        String problem = request.problemCode();
        String outcome = signal == SignalType.CANCEL ? " (client went away)" : "";
        request.supply(() -> {
            var line = log.atInfo()
                    .addKeyValue("http.request.method", method)
                    .addKeyValue("url.path", path)
                    .addKeyValue("http.response.status_code", code)
                    .addKeyValue("event.duration", nanos);
            if (problem != null) {
                line = line.addKeyValue("problemCode", problem);
            }
            line.log("{} {} {} {} ms{}{}", method, path, code, nanos / 1_000_000,
                    problem == null ? "" : " " + problem, outcome);
            return null;
        });
    }
}
