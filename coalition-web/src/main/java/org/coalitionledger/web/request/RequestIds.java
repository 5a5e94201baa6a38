package org.coalitionledger.web.request;

import org.coalitionledger.web.error.Problems;
import org.coalitionledger.web.error.WebErrorCode;
import org.coalitionledger.web.security.ProblemResponses;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id of the server's own making (a fresh UUID), echoed in the {@code X-Request-Id} response
 * header and stored as {@code requestId} metadata on every event the request records, so ids in the ledger are
 * unique and never chosen by a client. A client's own {@code X-Request-Id} is kept apart as its reference
 * ({@code clientRequestId} metadata) when it matches {@link #CLIENT_PATTERN}; any other value is refused with 400.
 * Runs first but for the {@link AccessLog}, so even a 401 carries the id. Puts the request's log fields
 * ({@link RequestLog}) on the exchange and into the Reactor context, for the code downstream that logs.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class RequestIds implements WebFilter {

    public static final String HEADER = "X-Request-Id";
    /** What a client's {@code X-Request-Id} may be: 1 to 128 of {@code A-Z a-z 0-9 . _ : -} (documented in README). */
    public static final Pattern CLIENT_PATTERN = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    static final String ATTRIBUTE = RequestIds.class.getName() + ".id";
    static final String CLIENT_ATTRIBUTE = RequestIds.class.getName() + ".client";

    private final ObjectMapper mapper;

    public RequestIds(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = UUID.randomUUID().toString();
        exchange.getAttributes().put(ATTRIBUTE, id);
        exchange.getResponse().getHeaders().set(HEADER, id);
        List<String> given = exchange.getRequest().getHeaders().get(HEADER);
        if (given != null && !given.isEmpty()) {
            if (given.size() > 1 || !CLIENT_PATTERN.matcher(given.get(0)).matches()) {
                return ProblemResponses.write(exchange, mapper, Problems.of(HttpStatus.BAD_REQUEST,
                        WebErrorCode.INVALID_REQUEST_ID, "X-Request-Id must be one value of 1 to 128 characters "
                                + "A-Z a-z 0-9 . _ : - (it is kept as your reference; the server makes its own id)"));
            }
            exchange.getAttributes().put(CLIENT_ATTRIBUTE, given.get(0));
        }
        RequestLog log = RequestLog.of(exchange);
        return chain.filter(exchange).contextWrite(context -> context.put(RequestLog.class, log));
    }

    /** The id of this request (set by the filter; a fresh one if the filter did not run, e.g. in a slice test). */
    public static String of(ServerWebExchange exchange) {
        Object id = exchange.getAttributes().computeIfAbsent(ATTRIBUTE, k -> UUID.randomUUID().toString());
        return (String) id;
    }

    /** The client's own valid {@code X-Request-Id}, or null when it sent none. */
    public static String clientReference(ServerWebExchange exchange) {
        return (String) exchange.getAttributes().get(CLIENT_ATTRIBUTE);
    }
}
