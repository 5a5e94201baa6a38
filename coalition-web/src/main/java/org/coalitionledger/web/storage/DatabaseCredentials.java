package org.coalitionledger.web.storage;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code postgres} profile starts only with explicit credentials for two different roles: the schema owner that
 * runs migrations and the application's own role, which may not rewrite the log ({@link AppendOnlyStorage}). There
 * is no default user or password. Checked before any bean is made, so nothing connects with half a configuration.
 */
@Component
@Profile("postgres")
public class DatabaseCredentials implements BeanFactoryPostProcessor, EnvironmentAware {

    /** Each setting, and the environment variable that application-postgres.yml reads it from. */
    static final Map<String, String> REQUIRED = new LinkedHashMap<>();

    static {
        REQUIRED.put("spring.datasource.username", "COALITION_DB_USER");
        REQUIRED.put("spring.datasource.password", "COALITION_DB_PASSWORD");
        REQUIRED.put("spring.flyway.user", "COALITION_DB_OWNER_USER");
        REQUIRED.put("spring.flyway.password", "COALITION_DB_OWNER_PASSWORD");
    }

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        List<String> missing = new ArrayList<>();
        REQUIRED.forEach((property, variable) -> {
            String value = environment.getProperty(property);
            if (value == null || value.isBlank()) {
                missing.add(variable);
            }
        });
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The postgres profile has no default database credentials: set "
                    + String.join(", ", missing) + " (COALITION_DB_USER/COALITION_DB_PASSWORD: the application's "
                    + "role; COALITION_DB_OWNER_USER/COALITION_DB_OWNER_PASSWORD: the schema owner that runs "
                    + "migrations; see README, Database roles)");
        }
        String application = environment.getProperty("spring.datasource.username");
        if (application.equals(environment.getProperty("spring.flyway.user"))) {
            throw new IllegalStateException("COALITION_DB_USER and COALITION_DB_OWNER_USER are both '" + application
                    + "': the application must not own the schema, or it could rewrite the log (see README, "
                    + "Database roles)");
        }
    }
}
