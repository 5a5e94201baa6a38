package org.coalitionledger.web.request;

import org.coalitionledger.web.error.Problems;
import org.coalitionledger.web.error.WebErrorCode;
import org.coalitionledger.web.security.ProblemResponses;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds request bodies: {@code coalition.web.max-body-bytes} for JSON writes, the larger
 * {@code coalition.web.import.max-bytes} for bulk imports. A declared length over the bound is refused at once
 * (413); a body without a declared length is counted as it arrives and fails with 413 when it crosses the bound.
 * Runs after security, so an unauthenticated caller learns nothing but 401.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 10)
public class BodyLimits implements WebFilter {

    private final long maxBodyBytes;
    private final long maxImportBytes;
    private final ObjectMapper mapper;

    public BodyLimits(@Value("${coalition.web.max-body-bytes:262144}") long maxBodyBytes,
                      @Value("${coalition.web.import.max-bytes:4194304}") long maxImportBytes, ObjectMapper mapper) {
        this.maxBodyBytes = maxBodyBytes;
        this.maxImportBytes = maxImportBytes;
        this.mapper = mapper;
    }

    public long limitFor(String path) {
        return path.endsWith("/imports") ? maxImportBytes : maxBodyBytes;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long limit = limitFor(exchange.getRequest().getPath().value());
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > limit) {
            return ProblemResponses.write(exchange, mapper, tooLarge(limit));
        }
        AtomicLong seen = new AtomicLong();
        var request = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > limit) {
                        org.springframework.core.io.buffer.DataBufferUtils.release(buffer);
                        sink.error(new org.coalitionledger.web.error.ApiProblemException(HttpStatus.CONTENT_TOO_LARGE,
                                WebErrorCode.PAYLOAD_TOO_LARGE, tooLargeDetail(limit)));
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(request).build());
    }

    private static org.springframework.http.ProblemDetail tooLarge(long limit) {
        return Problems.of(HttpStatus.CONTENT_TOO_LARGE, WebErrorCode.PAYLOAD_TOO_LARGE, tooLargeDetail(limit));
    }

    private static String tooLargeDetail(long limit) {
        return "the request body is larger than the " + limit + " bytes this endpoint accepts";
    }
}
