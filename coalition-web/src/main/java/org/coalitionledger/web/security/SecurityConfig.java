package org.coalitionledger.web.security;

import org.coalitionledger.web.limits.Uninterrupted;
import org.coalitionledger.web.error.WebErrorCode;
import org.coalitionledger.web.request.RequestLog;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Bearer-token security for the whole application: stateless (no session, no cookie, so no CSRF surface), rules
 * from {@link ApiRoutes}, everything else denied. A bearer token is one of three kinds: a bootstrap token
 * ({@link BearerTokens}), a named API key ({@link ApiKeys}, looked up on every request), or, when an issuer or JWKS
 * URI is configured, an OpenID Connect JWT checked by Spring Security's decoder ({@link OidcIdentities}). 401 and 403
 * are written as problem+json here, because they happen before any controller (and its advice) is reached.
 */
@Configuration
@EnableWebFluxSecurity
@EnableConfigurationProperties(IdentityProperties.class)
public class SecurityConfig {

    private static final Pattern JWT_SHAPE = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    @Bean
    SecurityWebFilterChain apiSecurity(ServerHttpSecurity http, BearerTokens tokens, ApiKeys apiKeys,
                                       ObjectProvider<ReactiveJwtDecoder> jwtDecoder, OidcIdentities oidc,
                                       ObjectMapper mapper) {
        ServerAuthenticationEntryPoint entryPoint = (exchange, failure) -> {
            boolean presented = exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                    presented ? "Bearer error=\"invalid_token\"" : "Bearer");
            return ProblemResponses.write(exchange, mapper, ProblemResponses.problem(HttpStatus.UNAUTHORIZED,
                    WebErrorCode.UNAUTHENTICATED, presented
                            ? "the bearer token is not valid"
                            : "this endpoint needs a bearer token (Authorization: Bearer <token>)"));
        };
        ServerAccessDeniedHandler denied = (exchange, failure) -> ProblemResponses.write(exchange, mapper,
                ProblemResponses.problem(HttpStatus.FORBIDDEN, WebErrorCode.FORBIDDEN,
                        "your role may not use this endpoint"));

        AuthenticationWebFilter bearer = new AuthenticationWebFilter(
                authenticationManager(tokens, apiKeys, jwtDecoder.getIfAvailable(), oidc));
        bearer.setServerAuthenticationConverter(bearerConverter());
        bearer.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(entryPoint));
        // The request's log lines name the person from here on (RequestLog); then the chain goes on as by default.
        bearer.setAuthenticationSuccessHandler((filterExchange, authentication) -> {
            if (authentication instanceof TokenAuthentication token) {
                RequestLog.of(filterExchange.getExchange()).identify(token.identity());
            }
            return filterExchange.getChain().filter(filterExchange.getExchange());
        });
        bearer.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());

        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .addFilterAt(bearer, SecurityWebFiltersOrder.AUTHENTICATION)
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
                .authorizeExchange(exchanges -> {
                    for (ApiRoutes.Rule rule : ApiRoutes.RULES) {
                        var access = rule.method() == null
                                ? exchanges.pathMatchers(rule.pattern())
                                : exchanges.pathMatchers(rule.method(), rule.pattern());
                        if (rule.access() == Access.PUBLIC) {
                            access.permitAll();
                        } else {
                            access.hasAnyRole(rule.access().roles().stream().map(Enum::name).toArray(String[]::new));
                        }
                    }
                    // Deny by default: a route without a rule is reachable by nobody.
                    exchanges.anyExchange().denyAll();
                })
                .build();
    }

    private static ReactiveAuthenticationManager authenticationManager(BearerTokens tokens, ApiKeys apiKeys,
                                                                       ReactiveJwtDecoder jwtDecoder,
                                                                       OidcIdentities oidc) {
        return authentication -> {
            String token = String.valueOf(authentication.getCredentials());
            Optional<Identity> bootstrap = tokens.authenticate(token);
            if (bootstrap.isPresent()) {
                return Mono.just(new TokenAuthentication(bootstrap.get()));
            }
            if (ApiKeys.looksLikeKey(token)) {
                // A database lookup per request (revocation holds at once on every node): off the event loop.
                return Mono.fromCallable(() -> apiKeys.authenticate(token, Instant.now()))
                        .subscribeOn(Uninterrupted.SCHEDULER)
                        .flatMap(found -> found.<Mono<Authentication>>map(
                                        identity -> Mono.just(new TokenAuthentication(identity)))
                                .orElseGet(() -> Mono.error(new BadCredentialsException(
                                        "unknown, revoked or expired API key"))));
            }
            if (jwtDecoder != null && JWT_SHAPE.matcher(token).matches()) {
                return jwtDecoder.decode(token)
                        .onErrorMap(JwtException.class, e -> new BadCredentialsException("the JWT is not valid", e))
                        .flatMap(jwt -> oidc.of(jwt).<Mono<Authentication>>map(
                                        identity -> Mono.just(new TokenAuthentication(identity)))
                                .orElseGet(() -> Mono.error(new BadCredentialsException("the JWT names no subject"))));
            }
            return Mono.error(new BadCredentialsException("unknown bearer token"));
        };
    }

    /** Reads {@code Authorization: Bearer <token>}; no header means anonymous, any other form is refused. */
    private static ServerAuthenticationConverter bearerConverter() {
        return exchange -> {
            String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
            if (header == null) {
                return Mono.empty();
            }
            if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
                return Mono.error(new BadCredentialsException("the Authorization header is not a bearer token"));
            }
            return Mono.just(new PresentedToken(header.substring(7).strip()));
        };
    }

    /** A token as presented, not yet checked. */
    static final class PresentedToken extends AbstractAuthenticationToken {
        private final String token;

        PresentedToken(String token) {
            super(List.of());
            this.token = token;
        }

        @Override
        public Object getCredentials() {
            return token;
        }

        @Override
        public Object getPrincipal() {
            return "bearer";
        }

        @Override
        public String toString() {
            return "PresentedToken[hidden]";
        }
    }

    /**
     * An authenticated caller: the person, their one role (none for an OIDC token without a known role: then only
     * public routes are open), the credential and how it was checked. Holds no secret.
     */
    public static final class TokenAuthentication extends AbstractAuthenticationToken {
        private final Identity identity;

        TokenAuthentication(Identity identity) {
            super(identity.role() == null ? List.of() : List.of(new SimpleGrantedAuthority(identity.role().authority())));
            this.identity = identity;
            setAuthenticated(true);
        }

        public Identity identity() {
            return identity;
        }

        public Role role() {
            return identity.role();
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return identity.subject();
        }

        @Override
        public String getName() {
            return identity.subject();
        }
    }
}
