package org.coalitionledger.web.identity;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

import java.util.List;
import java.util.Map;

/**
 * A real OpenID Connect provider for the tests: Spring Authorization Server on Tomcat, on a random port, with three
 * clients (client-credentials grant) standing for three people. Deliberately not a {@code @Configuration} (the
 * ledger's component scan must not pick it up): it is started only by {@link #start()}.
 */
@ImportAutoConfiguration({
        org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration.class,
        org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration.class,
        org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration.class,
        org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration.class,
        org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration.class,
        org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration.class,
        org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration.class,
        org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration.class,
        org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration.class,
        org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration.class})
class OidcProvider {

    /** Client id and secret of each person, and the e-mail and roles the provider asserts for them. */
    record Person(String clientId, String secret, String email, List<String> roles) {
    }

    static final Person ADMIN = new Person("grace-client", "grace-secret-0123456789", "grace@example.org",
            List.of("admin"));
    static final Person PARTNER = new Person("heidi-client", "heidi-secret-0123456789", "heidi@example.org",
            List.of("partner"));
    static final Person NO_ROLE = new Person("ivan-client", "ivan-secret-0123456789", "ivan@example.org", List.of());
    static final List<Person> PEOPLE = List.of(ADMIN, PARTNER, NO_ROLE);

    /** Puts the person's e-mail and roles into every access token, as a directory-backed provider would. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> ledgerClaims() {
        return context -> PEOPLE.stream()
                .filter(person -> person.clientId().equals(context.getRegisteredClient().getClientId()))
                .findFirst()
                .ifPresent(person -> context.getClaims().claim("email", person.email())
                        .claim("ledger_roles", person.roles()));
    }

    static ConfigurableApplicationContext start() {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(OidcProvider.class)
                .web(WebApplicationType.SERVLET);
        String prefix = "--spring.security.oauth2.authorizationserver.client.";
        List<String> args = new java.util.ArrayList<>(List.of("--server.port=0",
                // Its own configuration only: not the ledger's application.yml.
                "--spring.config.name=oidc-provider", "--spring.main.web-application-type=servlet",
                "--spring.main.banner-mode=off"));
        for (Person person : PEOPLE) {
            String client = prefix + person.clientId() + ".registration.";
            args.addAll(List.of(client + "client-id=" + person.clientId(),
                    client + "client-secret={noop}" + person.secret(),
                    client + "client-authentication-methods=client_secret_basic",
                    client + "authorization-grant-types=client_credentials",
                    client + "scopes=ledger"));
        }
        return builder.run(args.toArray(String[]::new));
    }

    static String issuer(ConfigurableApplicationContext provider) {
        return "http://localhost:" + ((WebServerApplicationContext) provider).getWebServer().getPort();
    }

    /** An access token for the person, fetched from the provider's token endpoint (client-credentials grant). */
    static String accessToken(ConfigurableApplicationContext provider, Person person) {
        Map<?, ?> answer = org.springframework.web.reactive.function.client.WebClient.create(issuer(provider))
                .post().uri("/oauth2/token")
                .headers(headers -> headers.setBasicAuth(person.clientId(), person.secret()))
                .contentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=client_credentials&scope=ledger")
                .retrieve().bodyToMono(Map.class).block(java.time.Duration.ofSeconds(30));
        return String.valueOf(answer.get("access_token"));
    }
}
