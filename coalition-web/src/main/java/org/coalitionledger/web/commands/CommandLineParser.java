package org.coalitionledger.web.commands;

import org.coalitionledger.api.error.InvalidCommandException;
import org.coalitionledger.web.config.WebJsonConfig;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.JsonNodeFeature;

/** Reads one NDJSON command line into a command record, with an error that says what was wrong. */
public final class CommandLineParser {

    private final ObjectMapper mapper;

    /**
     * @param mapper the web's mapper, so a line is read exactly as the JSON endpoints read a body; its tree keeps
     *               decimals exact (1e30000000 must reach the command's own check, not become an infinite double)
     */
    public CommandLineParser(ObjectMapper mapper) {
        this.mapper = mapper.rebuild().enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    }

    /**
     * @throws InvalidCommandException if the command's own shape checks refuse it
     * @throws IllegalArgumentException if the line is not a known command in the documented format
     */
    public Object parse(String line) {
        return command(read(line));
    }

    /**
     * The line as JSON, read once for both {@link #claimedName} and {@link #command}.
     *
     * @throws IllegalArgumentException if the line is not JSON within the limits
     */
    public JsonNode read(String line) {
        try {
            return mapper.readTree(line);
        } catch (StreamConstraintsException e) {
            throw new IllegalArgumentException("the line exceeds a limit of the JSON it may hold ("
                    + WebJsonConfig.describeLimits() + ")");
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** The command name a line claims, for reports, whether or not the rest of it is valid; null when none. */
    public static String claimedName(JsonNode node) {
        return node != null && node.path("command").isString() ? node.get("command").asString() : null;
    }

    /**
     * @throws InvalidCommandException if the command's own shape checks refuse it
     * @throws IllegalArgumentException if the line is not a known command in the documented format
     */
    public Object command(JsonNode node) {
        String name = claimedName(node);
        if (name == null || !node.isObject() || !node.path("payload").isObject()) {
            throw new IllegalArgumentException("a line must be {\"command\": \"<name>\", \"payload\": {...}}");
        }
        Class<?> type = LedgerCommandCatalogue.COMMANDS.get(name);
        if (type == null) {
            throw new IllegalArgumentException("unknown command '" + name + "'; known: "
                    + new java.util.TreeSet<>(LedgerCommandCatalogue.COMMANDS.keySet()));
        }
        try {
            return mapper.treeToValue(node.get("payload"), type);
        } catch (JacksonException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvalidCommandException invalid) {
                throw invalid;
            }
            throw new IllegalArgumentException("invalid " + name + " payload: " + e.getOriginalMessage());
        }
    }
}
