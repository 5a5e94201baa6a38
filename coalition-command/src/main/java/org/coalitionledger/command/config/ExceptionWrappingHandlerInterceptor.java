package org.coalitionledger.command.config;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.coalitionledger.api.error.CoalitionError;
import org.coalitionledger.api.error.CoalitionErrorCode;
import org.coalitionledger.api.error.InvalidCommandException;
import org.coalitionledger.api.reporting.CorrectRecordCommand;
import org.coalitionledger.api.reporting.RecordCommand;
import org.coalitionledger.api.reporting.RetractRecordCommand;
import org.coalitionledger.command.rules.CoalitionRuleViolation;

/**
 * Turns every rule violation into a {@link CommandExecutionException} whose details are a {@link CoalitionError},
 * so callers see the same typed error whether the bus is local or distributed. Anything else is left alone: it is
 * a fault, not a rejection, and must not be dressed up as one.
 */
public class ExceptionWrappingHandlerInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        try {
            return chain.proceed();
        } catch (CoalitionRuleViolation e) {
            throw wrap(e.code(), e.getMessage(), e);
        } catch (InvalidCommandException e) {
            throw wrap(e.code(), e.getMessage(), e);
        } catch (AggregateNotFoundException e) {
            Object payload = unitOfWork.getMessage().getPayload();
            if ((payload instanceof CorrectRecordCommand || payload instanceof RetractRecordCommand)
                    && payload instanceof RecordCommand record) {
                // The client's record id only: the stream's name is ours.
                throw wrap(CoalitionErrorCode.RECORD_NOT_FOUND, "no such record: " + record.recordId(), e);
            }
            throw wrap(CoalitionErrorCode.COALITION_NOT_FOUND, "no such coalition: " + e.getAggregateIdentifier(), e);
        }
    }

    private static CommandExecutionException wrap(CoalitionErrorCode code, String message, Throwable cause) {
        return new CommandExecutionException(message, cause, new CoalitionError(code, message));
    }
}
