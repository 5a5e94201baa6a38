package org.coalitionledger.web.config;

import com.fasterxml.jackson.annotation.JsonFormat;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

import java.time.LocalDate;

/**
 * How the HTTP API (and the NDJSON import, which uses the same mapper) reads JSON: a value of one JSON type is
 * never read as another, and no field may appear twice. A boolean or number is not an id or text, a string or
 * fraction is not a count, a number is not a date. Exact decimals (amounts, rates, percents) may be JSON numbers or
 * strings, as money often is.
 * <p>
 * Boot's web mapper only: Axon's serializer keeps its own mapper ({@link AxonSerializerConfig}), so nothing here
 * can change how stored events are read.
 */
@Configuration
public class WebJsonConfig {

    /**
     * Limits on what a request body may hold, checked while the body is read, before any value is built: requests
     * are small, flat records of short texts and figures, so anything deeper or longer is refused (400) cheaply.
     */
    public static final StreamReadConstraints REQUEST_LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(32)
            .maxNumberLength(64)
            .maxStringLength(64 * 1024)
            .maxNameLength(256)
            .build();

    /** The limits, in the words a refusal gives them. */
    public static String describeLimits() {
        return "nesting depth " + REQUEST_LIMITS.getMaxNestingDepth() + ", number length "
                + REQUEST_LIMITS.getMaxNumberLength() + ", text length " + REQUEST_LIMITS.getMaxStringLength()
                + ", field name length " + REQUEST_LIMITS.getMaxNameLength();
    }

    /**
     * The web mapper's builder, on a JSON factory with {@link #REQUEST_LIMITS}. Boot 4.0 builds its builder on the
     * default factory and a factory cannot be changed once a builder exists, so this replaces Boot's builder bean and
     * applies every {@link JsonMapperBuilderCustomizer} (Boot's {@code spring.jackson.*} one included) as Boot does.
     */
    @Bean
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    public JsonMapper.Builder jsonMapperBuilder(ObjectProvider<JsonMapperBuilderCustomizer> customizers) {
        JsonMapper.Builder builder = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(REQUEST_LIMITS)
                .build());
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder;
    }

    @Bean
    public JsonMapperBuilderCustomizer noCoercionBetweenJsonTypes() {
        return builder -> builder
                // A field given twice is refused, not "last one wins": two readers of one body must never disagree
                // on what it said.
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfig(LogicalType.Textual, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, c -> c
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                .withConfigOverride(LocalDate.class, o -> o.setFormat(JsonFormat.Value.forLeniency(false)));
    }
}
