package org.coalitionledger.web.limits;

import org.coalitionledger.log.ReadCancellation;
import org.coalitionledger.web.request.RequestLog;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a request's blocking reads (query gateway, folds, the log's tables) on a bounded pool of worker threads, never
 * on the event loop. Cancelling the returned Mono (the client went away, or {@link AdmissionControl}'s time budget ran
 * out) cancels the read cooperatively through {@link ReadCancellation}: the thread is never interrupted, because an
 * interrupt during file I/O closes an embedded H2 database. A full pool answers 503 {@code SERVER_BUSY}. The work runs
 * with the asking request's log fields ({@link RequestLog}).
 */
@Component
public class BlockingWork implements DisposableBean {

    private final ThreadPoolExecutor pool;

    public BlockingWork(@Value("${coalition.web.workers.threads:16}") int threads,
                        @Value("${coalition.web.workers.queue:1000}") int queue) {
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
                task -> {
                    Thread thread = new Thread(task, "ledger-read-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
    }

    /** The result of {@code work}, computed on a worker when subscribed; cancelling stops its log reads. */
    public <T> Mono<T> call(Callable<T> work) {
        return Mono.create(sink -> {
            ReadCancellation.Token token = new ReadCancellation.Token();
            sink.onCancel(token::cancel);
            // The worker logs for the request that asked: its fields come with the subscriber's context.
            Map<String, String> logFields = RequestLog.fieldsOf(sink.contextView());
            try {
                pool.execute(() -> {
                    try {
                        T result = RequestLog.call(logFields, () -> ReadCancellation.run(token, work));
                        if (result == null) {
                            sink.success();
                        } else {
                            sink.success(result);
                        }
                    } catch (VirtualMachineError fatal) {
                        // Reactor rethrows a JVM error it is handed instead of passing it on, which would leave the
                        // request waiting until its time budget ran out: the request is answered with the failure.
                        sink.error(new IllegalStateException("the read failed: " + fatal, fatal));
                    } catch (Throwable failure) {
                        sink.error(failure);
                    }
                });
            } catch (RejectedExecutionException full) {
                sink.error(new org.coalitionledger.web.error.ApiProblemException(
                        org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE,
                        org.coalitionledger.web.error.WebErrorCode.SERVER_BUSY,
                        "every worker is busy and the queue is full; retry later"));
            }
        });
    }

    @Override
    public void destroy() {
        pool.shutdown();
    }
}
