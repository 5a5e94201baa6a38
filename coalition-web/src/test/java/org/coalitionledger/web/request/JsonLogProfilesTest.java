package org.coalitionledger.web.request;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Production (profile postgres) and profile json-logs write JSON logs in the ECS format (README, Logs). */
class JsonLogProfilesTest {

    @ParameterizedTest
    @ValueSource(strings = {"application-postgres.yml", "application-json-logs.yml"})
    void profile_logsJsonInEcs(String file) throws IOException {
        List<PropertySource<?>> sources = new YamlPropertySourceLoader().load(file, new ClassPathResource(file));
        assertThat(sources).anySatisfy(source ->
                assertThat(String.valueOf(source.getProperty("logging.structured.format.console"))).isEqualTo("ecs"));
    }
}
