package org.coalitionledger.web.config;

import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.coalitionledger.audit.bundle.StoredFormat;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stored event format. Axon's jackson3 serializer keeps its own mapper, apart from the web's, so tuning the
 * HTTP layer can never change what is written to the event store. This customizer is applied to all three Axon
 * serializers (general, events, messages). The settings live in {@link StoredFormat}, next to the offline verifier
 * that must read events back exactly as they were written; both use that one definition.
 */
@Configuration
public class AxonSerializerConfig {

    @Bean
    public Jackson3SerializerCustomizer storedFormatCustomizer() {
        return AxonSerializerConfig::storedFormat;
    }

    /**
     * Axon's own polymorphic values (ReplayToken wraps another token) read back, or a reset retries forever (Axon
     * issue #4160), with only Axon's types allowed; exact decimals in JSON trees for upcasters (18000000.00, not
     * 1.8E+7); enums stored by name, so a toString() override can never change stored history.
     */
    public static void storedFormat(JsonMapper.Builder builder) {
        StoredFormat.configure(builder);
    }
}
