package org.coalitionledger.web.limits;

import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Where a request's blocking work runs when it is not a read on {@link BlockingWork}'s pool (commands, imports,
 * idempotency keys, credential lookups, small reads): the bounded elastic threads, except that a cancelled
 * subscription (the client went away) never interrupts the work. Reactor's own bounded elastic scheduler interrupts
 * its thread on cancel, and an interrupt leaves the work half done: during file I/O it closes an embedded H2
 * database, and inside an Axon unit of work it keeps that unit's timer in Axon's timeout janitor, which a minute later
 * interrupts whatever the thread is doing then (another request's command). Work that has started finishes, and a
 * write that finishes is recorded whether or not anyone still waits for the answer; work cancelled before it started
 * never runs.
 */
public final class Uninterrupted {

    /** Schedules on the bounded elastic threads through a plain executor, whose tasks are never interrupted. */
    public static final Scheduler SCHEDULER = Schedulers.fromExecutor(task -> Schedulers.boundedElastic().schedule(task));

    private Uninterrupted() {
    }
}
