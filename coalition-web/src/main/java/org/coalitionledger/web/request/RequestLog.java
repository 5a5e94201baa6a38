package org.coalitionledger.web.request;

import org.coalitionledger.api.LogFields;
import org.coalitionledger.web.security.Identity;
import org.slf4j.MDC;
import org.springframework.web.server.ServerWebExchange;
import org.coalitionledger.web.limits.Uninterrupted;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * What the log lines of one request say about it ({@link LogFields}): its id, the client's reference and, once
 * authenticated, the person, role and credential. Requests hop threads (the event loop, workers, the command bus),
 * so nothing relies on a thread-local carrying over: the fields live on the exchange and in the Reactor context,
 * and are put into the log context (MDC) around the code that logs, then the thread's own are restored.
 */
public final class RequestLog {

    static final String ATTRIBUTE = RequestLog.class.getName();

    private final String requestId;
    private final String clientRequestId;
    private volatile Identity identity;
    private volatile String problemCode;

    RequestLog(String requestId, String clientRequestId) {
        this.requestId = requestId;
        this.clientRequestId = clientRequestId;
    }

    /** This request's fields (made by {@link RequestIds}; a bare one with the request's id if it did not run). */
    public static RequestLog of(ServerWebExchange exchange) {
        return (RequestLog) exchange.getAttributes().computeIfAbsent(ATTRIBUTE,
                k -> new RequestLog(RequestIds.of(exchange), RequestIds.clientReference(exchange)));
    }

    /** The fields of the request whose Reactor context this is, or none outside a request. */
    public static Map<String, String> fieldsOf(ContextView context) {
        return context.<RequestLog>getOrEmpty(RequestLog.class).map(RequestLog::fields).orElse(Map.of());
    }

    /** Records who the request comes from, once authentication has succeeded. */
    public void identify(Identity identity) {
        this.identity = identity;
    }

    /** Records the {@code code} of the problem the request was answered with. */
    public void problem(String code) {
        this.problemCode = code;
    }

    String problemCode() {
        return problemCode;
    }

    public Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(LogFields.REQUEST_ID, requestId);
        if (clientRequestId != null) {
            fields.put(LogFields.CLIENT_REQUEST_ID, clientRequestId);
        }
        Identity who = identity;
        if (who != null) {
            fields.put(LogFields.PERSON, who.subject());
            if (who.role() != null) {
                fields.put(LogFields.ROLE, who.role().name());
            }
            fields.put(LogFields.CREDENTIAL_ID, who.credentialId());
        }
        return fields;
    }

    /** The result of {@code work}, run with these fields in the log context. */
    public <T> T supply(Supplier<T> work) {
        Map<String, String> previous = enter(fields());
        try {
            return work.get();
        } finally {
            restore(previous);
        }
    }

    /** Calls {@code work} with {@code fields} in this thread's log context, then restores the thread's own. */
    public static <T> T call(Map<String, String> fields, Callable<T> work) throws Exception {
        Map<String, String> previous = enter(fields);
        try {
            return work.call();
        } finally {
            restore(previous);
        }
    }

    /**
     * {@code work}, called on the bounded elastic threads, never interrupted ({@link Uninterrupted}: it blocks), with the fields of the subscribing request in
     * the log context.
     */
    public static <T> Mono<T> blocking(Callable<T> work) {
        return Mono.deferContextual(context -> {
            Map<String, String> fields = fieldsOf(context);
            return Mono.fromCallable(() -> call(fields, work));
        }).subscribeOn(Uninterrupted.SCHEDULER);
    }

    private static Map<String, String> enter(Map<String, String> fields) {
        Map<String, String> previous = MDC.getCopyOfContextMap();
        fields.forEach(MDC::put);
        return previous;
    }

    private static void restore(Map<String, String> previous) {
        if (previous == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(previous);
        }
    }
}
