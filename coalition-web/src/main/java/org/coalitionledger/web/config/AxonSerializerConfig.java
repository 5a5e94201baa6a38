package org.coalitionledger.web.config;

import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import tools.jackson.databind.cfg.JsonNodeFeature;

/**
 * The stored event format. Axon's jackson3 serializer keeps its own mapper, apart from the web's, so tuning the
 * HTTP layer can never change what is written to the event store. This customizer is applied to all three Axon
 * serializers (general, events, messages).
 */
@Configuration
public class AxonSerializerConfig {

    @Bean
    public Jackson3SerializerCustomizer storedFormatCustomizer() {
        return AxonSerializerConfig::storedFormat;
    }

    /** Public so tests build the exact mapper the application stores events with. */
    public static void storedFormat(JsonMapper.Builder builder) {
        builder
                // Axon's own polymorphic values (ReplayToken wraps another token) must read back, or a reset
                // retries forever (Axon issue #4160). Only Axon's types are allowed, never arbitrary classes.
                .polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder()
                        .allowIfSubType("org.axonframework.")
                        .build())
                // Upcasters work on JSON trees: keep 18000000.00 exact instead of 1.8E+7.
                .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                // Enums are stored by name, so a toString() override can never change stored history.
                .disable(EnumFeature.WRITE_ENUMS_USING_TO_STRING)
                .disable(EnumFeature.READ_ENUMS_USING_TO_STRING);
    }
}
