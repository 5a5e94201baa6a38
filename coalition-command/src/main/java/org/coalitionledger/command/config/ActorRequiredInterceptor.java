package org.coalitionledger.command.config;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.coalitionledger.api.LedgerMetadata;
import org.coalitionledger.command.rules.ActorMissing;

/** Refuses any command that does not say who issued it: every recorded fact names its actor. */
public class ActorRequiredInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        var metaData = unitOfWork.getMessage().getMetaData();
        for (String key : new String[]{LedgerMetadata.ACTOR, LedgerMetadata.ACTOR_ROLE}) {
            Object value = metaData.get(key);
            if (!(value instanceof String s) || s.isBlank()) {
                throw new ActorMissing("command " + unitOfWork.getMessage().getCommandName()
                        + " carries no '" + key + "' metadata; every fact must name who recorded it");
            }
        }
        return chain.proceed();
    }
}
