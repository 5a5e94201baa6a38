package org.coalitionledger.web.api;

import org.coalitionledger.web.limits.Uninterrupted;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.coalitionledger.web.error.ApiProblemException;
import org.coalitionledger.web.error.WebErrorCode;
import org.coalitionledger.web.security.ApiKeys;
import org.coalitionledger.web.security.IdentityProperties;
import org.coalitionledger.web.security.Role;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Named API keys, managed by administrators: issue one for a person (the token is in this answer and nowhere else,
 * ever), list them, revoke one. Issuing and revoking are recorded as ledger facts naming the administrator.
 */
@RestController
@RequestMapping(path = "/api/v1/admin/api-keys", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "API keys", description = "Named API keys for people (role ADMIN)")
class ApiKeyController {

    /** A person's id: an e-mail address or a directory name, no spaces or control characters. */
    static final String SUBJECT = "[A-Za-z0-9][A-Za-z0-9._@+-]{0,199}";
    /** No control characters, no invisible formatting (bidirectional overrides), no lone surrogates. */
    static final String PLAIN_TEXT = "[^\\p{Cc}\\p{Cf}\\p{Cs}]*";

    @Schema(description = "A key to issue: for whom, in which role, until when.")
    record IssueApiKey(
            @Schema(description = "the person, e.g. an e-mail address; becomes the actor of every event the key records")
            @NotBlank @Pattern(regexp = SUBJECT) String subject,
            @Schema(description = "the person's display name") @Size(max = 200) @Pattern(regexp = PLAIN_TEXT) String name,
            @NotNull Role role,
            @Schema(description = "when the key stops working; in the future, at most the configured maximum "
                    + "lifetime away (default 366 days)") @NotNull Instant expiresAt) {
    }

    @Schema(description = "Why a key is revoked.")
    record RevokeApiKey(@NotBlank @Size(max = 1000) @Pattern(regexp = PLAIN_TEXT) String reason) {
    }

    @Schema(description = "An issued key. 'token' is shown only in this answer: the ledger keeps only its hash.")
    record IssuedApiKey(ApiKeys.ApiKey key,
                        @Schema(description = "present as 'Authorization: Bearer <token>'") String token,
                        @Schema(description = "id of the ApiKeyIssuedEvent") String eventId) {
    }

    @Schema(description = "A revocation: the key as it now stands; recorded is false for a repeat.")
    record RevokedApiKey(ApiKeys.ApiKey key, boolean recorded,
                         @Schema(description = "id of the ApiKeyRevokedEvent, null for a repeat") String eventId) {
    }

    private final ApiKeys apiKeys;
    private final Duration maxLifetime;

    ApiKeyController(ApiKeys apiKeys, IdentityProperties properties) {
        this.apiKeys = apiKeys;
        this.maxLifetime = properties.apiKeys().maxLifetime();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "issueApiKey", summary = "Issue a named API key for a person (the token is shown once)")
    Mono<ResponseEntity<IssuedApiKey>> issue(@Valid @RequestBody IssueApiKey body,
            @Parameter(hidden = true) Authentication auth, @Parameter(hidden = true) ServerWebExchange exchange) {
        return Mono.defer(() -> {
            Caller caller = Caller.of(auth, exchange);
            if (caller.idempotencyKey() != null) {
                // A replayed answer would have to store the token; a lost answer is fixed by revoking and reissuing.
                throw new ApiProblemException(HttpStatus.BAD_REQUEST, WebErrorCode.MALFORMED_REQUEST,
                        "API keys are not issued idempotently: send no Idempotency-Key (each request issues a new key)");
            }
            Instant now = Instant.now();
            if (!body.expiresAt().isAfter(now) || body.expiresAt().isAfter(now.plus(maxLifetime))) {
                throw new ApiProblemException(HttpStatus.BAD_REQUEST, WebErrorCode.VALIDATION_FAILED,
                        "expiresAt must be in the future and at most " + maxLifetime.toDays() + " days away");
            }
            return Mono.fromCallable(() -> apiKeys.issue(body.subject(), body.name(), body.role(), body.expiresAt(),
                            now, caller.metaData(caller.requestId())))
                    .subscribeOn(Uninterrupted.SCHEDULER)
                    .map(issued -> ResponseEntity.created(URI.create("/api/v1/admin/api-keys/" + issued.key().keyId()))
                            .cacheControl(CacheControl.noStore())
                            .body(new IssuedApiKey(issued.key(), issued.token(), issued.eventId())));
        });
    }

    @GetMapping
    @Operation(operationId = "listApiKeys", summary = "The API keys ever issued, newest first, a page at a time "
            + "(never a secret)", description = "A JSON array of at most 'limit' keys. When more follow, the answer's "
            + "Link header names the next page (rel=\"next\"): the same request with 'after' set to the last key's "
            + "id.")
    @ApiResponse(responseCode = "200", description = "a page of keys",
            headers = @Header(name = HttpHeaders.LINK, description = "<...>; rel=\"next\" while more keys follow",
                    schema = @Schema(type = "string")))
    Mono<ResponseEntity<List<ApiKeys.ApiKey>>> list(
            @Parameter(description = "the id of the last key already seen (the previous page's last)")
            @RequestParam(required = false) String after,
            @Parameter(description = Paging.LIMIT_DESCRIPTION)
            @RequestParam(defaultValue = Paging.DEFAULT_LIMIT) int limit) {
        return Mono.defer(() -> {
            Paging.checkLimit(limit);
            return Mono.fromCallable(() -> {
                ApiKeys.Page page = apiKeys.page(after, limit).orElseThrow(() ->
                        new ApiProblemException(HttpStatus.BAD_REQUEST, WebErrorCode.VALIDATION_FAILED,
                                "after must be the id of an issued API key: " + after + " is none"));
                if (!page.more()) {
                    return ResponseEntity.ok(page.keys());
                }
                String next = UriComponentsBuilder.fromPath("/api/v1/admin/api-keys")
                        .queryParam("after", page.keys().get(limit - 1).keyId()).queryParam("limit", limit)
                        .build().toUriString();
                return ResponseEntity.ok().header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"")
                        .body(page.keys());
            }).subscribeOn(Uninterrupted.SCHEDULER);
        });
    }

    @GetMapping("/{keyId}")
    @Operation(operationId = "getApiKey", summary = "One API key (never its secret)")
    Mono<ApiKeys.ApiKey> get(@PathVariable String keyId) {
        return Mono.fromCallable(() -> apiKeys.find(keyId).orElseThrow(() -> notFound(keyId)))
                .subscribeOn(Uninterrupted.SCHEDULER);
    }

    @PostMapping(path = "/{keyId}/revocation", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key: refused at once on every node")
    Mono<ResponseEntity<RevokedApiKey>> revoke(@PathVariable String keyId, @Valid @RequestBody RevokeApiKey body,
            @Parameter(hidden = true) Authentication auth, @Parameter(hidden = true) ServerWebExchange exchange) {
        return Mono.defer(() -> {
            Caller caller = Caller.of(auth, exchange);
            return Mono.fromCallable(() -> apiKeys.revoke(keyId, body.reason(), Instant.now(),
                            caller.metaData(caller.requestId())))
                    .subscribeOn(Uninterrupted.SCHEDULER)
                    .map(revoked -> ResponseEntity.status(revoked.eventId() == null ? HttpStatus.OK : HttpStatus.CREATED)
                            .location(URI.create("/api/v1/admin/api-keys/" + keyId))
                            .body(new RevokedApiKey(revoked.key(), revoked.eventId() != null, revoked.eventId())));
        });
    }

    static ApiProblemException notFound(String keyId) {
        return new ApiProblemException(HttpStatus.NOT_FOUND, WebErrorCode.API_KEY_NOT_FOUND,
                "no such API key: " + keyId);
    }
}
