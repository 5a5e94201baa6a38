package org.coalitionledger.web.config;

import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.lang.annotation.ElementType;

/**
 * Bean Validation of request bodies without JPA's help. With JPA on the class path Hibernate Validator asks JPA, for
 * every validated property, whether it is loaded; JPA answers by looking up its providers through the ServiceLoader,
 * which reads jar files: file I/O on the HTTP event loop for every request body. Request bodies are plain records,
 * never entities, so every property is reachable and cascadable.
 */
@Configuration(proxyBeanMethods = false)
public class ValidationConfig {

    @Bean
    ValidationConfigurationCustomizer requestBodiesAreNotEntities() {
        return configuration -> configuration.traversableResolver(new EverythingTraversable());
    }

    private static final class EverythingTraversable implements TraversableResolver {
        @Override
        public boolean isReachable(Object object, Path.Node node, Class<?> rootType, Path path, ElementType type) {
            return true;
        }

        @Override
        public boolean isCascadable(Object object, Path.Node node, Class<?> rootType, Path path, ElementType type) {
            return true;
        }
    }
}
