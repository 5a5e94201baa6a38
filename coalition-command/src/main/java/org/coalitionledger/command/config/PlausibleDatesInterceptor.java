package org.coalitionledger.command.config;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.coalitionledger.api.validation.BusinessDates;
import org.coalitionledger.api.validation.Checks;

import java.time.Clock;
import java.time.LocalDate;

/**
 * Refuses business dates no fact can have (after tomorrow, before 1900) and goal deadlines beyond the horizon,
 * for every command on the bus: the HTTP API, the bulk import and the first-year history all pass here. "Today"
 * comes from the injected clock (UTC), read once per command; nothing recorded depends on it.
 */
public class PlausibleDatesInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final Clock clock;

    public PlausibleDatesInterceptor(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (unitOfWork.getMessage().getPayload() instanceof BusinessDates dated) {
            Checks.plausibleDates(dated, LocalDate.now(clock));
        }
        return chain.proceed();
    }
}
