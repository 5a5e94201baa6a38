package org.coalitionledger.web.history;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.coalitionledger.api.LedgerMetadata;
import org.coalitionledger.web.commands.CommandLineParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Loads the coalition's documented first-year history (a file of commands) through the normal command path on
 * start. Every command is idempotent, so a restart, or a start after an interrupted load, records only what is
 * missing: nothing on an already loaded ledger. A rejected line stops the start: the shipped history is wrong.
 */
@Component
@ConditionalOnProperty(name = "coalition.first-year-history.enabled", havingValue = "true", matchIfMissing = true)
class FirstYearHistoryLoader implements ApplicationRunner {

    static final String RESOURCE = "history/first-year.ndjson";
    static final String ACTOR = "coalition-ledger/first-year-history";
    static final String ROLE = "SYSTEM";
    private static final int MAX_ATTEMPTS = 5;
    private static final Logger log = LoggerFactory.getLogger(FirstYearHistoryLoader.class);

    private final CommandGateway commandGateway;
    private final CommandLineParser parser;

    FirstYearHistoryLoader(CommandGateway commandGateway, ObjectMapper mapper) {
        this.commandGateway = commandGateway;
        this.parser = new CommandLineParser(mapper);
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        List<String> lines;
        try (var reader = new BufferedReader(new InputStreamReader(
                new ClassPathResource(RESOURCE).getInputStream(), StandardCharsets.UTF_8))) {
            lines = reader.lines().filter(l -> !l.isBlank()).toList();
        }
        for (int i = 0; i < lines.size(); i++) {
            Object command = parser.parse(lines.get(i));
            var message = GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.with(
                    LedgerMetadata.ACTOR, ACTOR)
                    .and(LedgerMetadata.ACTOR_ROLE, ROLE)
                    .and(LedgerMetadata.REQUEST_ID, RESOURCE + "#" + (i + 1)));
            sendRetryingConflicts(message);
        }
        log.info("First-year history: {} commands applied from {} (repeats record nothing)", lines.size(), RESOURCE);
    }

    /**
     * Nodes starting together on one database send the same commands at the same time: the loser of a race on a
     * stream gets a concurrency conflict. Sending again is safe (every command is idempotent) and settles it.
     */
    private void sendRetryingConflicts(Object message) {
        for (int attempt = 1; ; attempt++) {
            try {
                commandGateway.sendAndWait(message);
                return;
            } catch (ConcurrencyException | AggregateStreamCreationException e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw e;
                }
                log.info("First-year history: a concurrent writer won a race, sending again ({}/{})", attempt,
                        MAX_ATTEMPTS);
            }
        }
    }
}
