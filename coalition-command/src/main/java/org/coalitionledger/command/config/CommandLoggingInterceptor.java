package org.coalitionledger.command.config;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.coalitionledger.api.LedgerMetadata;
import org.coalitionledger.api.LogFields;
import org.coalitionledger.api.error.CoalitionError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.Map;

/**
 * Puts the request and the person a command came with (its metadata) into the log context while it is handled, so
 * every line logged for it, wherever the bus runs it, names the request; and logs one line per command with its
 * outcome. Only the command's name, the rule's code and the time: never the payload, which may hold what a log
 * must not.
 */
public class CommandLoggingInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(CommandLoggingInterceptor.class);
    private static final Map<String, String> FIELDS = Map.of(
            LedgerMetadata.REQUEST_ID, LogFields.REQUEST_ID,
            LedgerMetadata.CLIENT_REQUEST_ID, LogFields.CLIENT_REQUEST_ID,
            LedgerMetadata.ACTOR, LogFields.PERSON,
            LedgerMetadata.ACTOR_ROLE, LogFields.ROLE,
            LedgerMetadata.CREDENTIAL_ID, LogFields.CREDENTIAL_ID);

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        CommandMessage<?> command = unitOfWork.getMessage();
        Map<String, String> previous = MDC.getCopyOfContextMap();
        MetaData metaData = command.getMetaData();
        FIELDS.forEach((key, field) -> {
            if (metaData.get(key) instanceof String value) {
                MDC.put(field, value);
            }
        });
        String name = command.getPayloadType().getSimpleName();
        long started = System.nanoTime();
        try {
            Object result = chain.proceed();
            log.info("command {} handled in {} ms", name, elapsedMillis(started));
            return result;
        } catch (CommandExecutionException e) {
            if (e.getDetails().orElse(null) instanceof CoalitionError error) {
                log.info("command {} rejected: {}", name, error.code());
            } else {
                log.warn("command {} failed: {}", name, e.getClass().getName());
            }
            throw e;
        } catch (Exception e) {
            // The class only: a message may quote the payload.
            log.warn("command {} failed: {}", name, e.getClass().getName());
            throw e;
        } finally {
            if (previous == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(previous);
            }
        }
    }

    private static long elapsedMillis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
