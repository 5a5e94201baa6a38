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
        // Registered first, so it is outermost and also sees the actor check's rejection.
        commandBus.registerHandlerInterceptor(new ExceptionWrappingHandlerInterceptor());
        commandBus.registerHandlerInterceptor(new ActorRequiredInterceptor());
        // A test or another module may supply the clock; otherwise the system's, in UTC.
        commandBus.registerHandlerInterceptor(new PlausibleDatesInterceptor(clock.getIfUnique(Clock::systemUTC)));
    }
}
