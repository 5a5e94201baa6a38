package org.coalitionledger.web.history;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Two nodes starting together race on the same streams; the loser sends again instead of failing its start. */
class FirstYearHistoryLoaderTest {

    @Test
    void load_accepted_afterLosingARaceToAnotherNode() throws Exception {
        CommandGateway gateway = mock(CommandGateway.class);
        when(gateway.sendAndWait(any()))
                .thenThrow(new AggregateStreamCreationException("another node founded cewto first"))
                .thenReturn(null);

        new FirstYearHistoryLoader(gateway, JsonMapper.builder().build()).run(null);

        ArgumentCaptor<Object> sent = ArgumentCaptor.forClass(Object.class);
        verify(gateway, atLeastOnce()).sendAndWait(sent.capture());
        List<String> names = new ArrayList<>();
        sent.getAllValues().forEach(m -> names.add(((CommandMessage<?>) m).getCommandName()));
        assertThat(names.get(0)).isEqualTo(names.get(1)).endsWith("FoundCoalitionCommand");
        assertThat(names).hasSize(16); // 15 lines, the first sent twice
    }

    @Test
    void load_rejected_whenConflictsNeverSettle() {
        CommandGateway gateway = mock(CommandGateway.class);
        when(gateway.sendAndWait(any())).thenThrow(new ConcurrencyException("always a conflict"));

        assertThatThrownBy(() -> new FirstYearHistoryLoader(gateway, JsonMapper.builder().build()).run(null))
                .isInstanceOf(ConcurrencyException.class);
    }
}
