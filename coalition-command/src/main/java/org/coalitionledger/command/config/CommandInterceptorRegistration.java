package org.coalitionledger.command.config;

import org.axonframework.commandhandling.CommandBus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * Puts the command interceptors on the bus. Kept apart from {@link CommandConfiguration}: a class that both
 * defines beans Axon needs and injects the bus forms a bean cycle.
 */
@Component
class CommandInterceptorRegistration {

    CommandInterceptorRegistration(CommandBus commandBus, ObjectProvider<Clock> clock) {
        // Outermost: every line logged while a command runs names its request and person, and its outcome is the
        // final one (a rejection already wrapped).
        commandBus.registerHandlerInterceptor(new CommandLoggingInterceptor());
        // Registered next, so it also sees the actor check's rejection.
        commandBus.registerHandlerInterceptor(new ExceptionWrappingHandlerInterceptor());
        commandBus.registerHandlerInterceptor(new ActorRequiredInterceptor());
        // A test or another module may supply the clock; otherwise the system's, in UTC.
        commandBus.registerHandlerInterceptor(new PlausibleDatesInterceptor(clock.getIfUnique(Clock::systemUTC)));
    }
}
