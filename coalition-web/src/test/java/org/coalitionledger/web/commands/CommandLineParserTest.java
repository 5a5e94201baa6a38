package org.coalitionledger.web.commands;

import org.coalitionledger.api.coalition.JoinCoalitionCommand;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A line is read as JSON once; the name it claims is known even when the rest of it is refused. */
class CommandLineParserTest {

    private final CommandLineParser parser = new CommandLineParser(JsonMapper.builder().build());

    private static final String JOIN = "{\"command\": \"JoinCoalition\", \"payload\": {\"coalitionId\": \"c\", "
            + "\"memberId\": \"m\", \"disclosed\": false, \"joinedOn\": \"2019-03-06\"}}";

    @Test
    void aValidLine_readOnce_isTheSameCommandAsParsed() {
        JsonNode line = parser.read(JOIN);

        assertThat(CommandLineParser.claimedName(line)).isEqualTo("JoinCoalition");
        assertThat(parser.command(line)).isInstanceOf(JoinCoalitionCommand.class).isEqualTo(parser.parse(JOIN));
    }

    @Test
    void aRefusedPayload_keepsTheNameItClaims() {
        JsonNode line = parser.read("{\"command\": \"JoinCoalition\", \"payload\": {\"joinedOn\": \"not a date\"}}");

        assertThat(CommandLineParser.claimedName(line)).isEqualTo("JoinCoalition");
        assertThatThrownBy(() -> parser.command(line)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLineWithoutAName_orNotJson_claimsNone() {
        assertThat(CommandLineParser.claimedName(parser.read("{\"payload\": {}}"))).isNull();
        assertThat(CommandLineParser.claimedName(parser.read("[\"JoinCoalition\"]"))).isNull();
        assertThatThrownBy(() -> parser.read("{\"command\": ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not valid JSON");
    }
}
