package org.coalitionledger.web.api;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.queryhandling.QueryGateway;
import org.coalitionledger.api.view.ViewsRebuild;
import org.coalitionledger.web.config.ValidationConfig;
import org.coalitionledger.web.error.ProblemDetailsAdvice;
import org.coalitionledger.web.idempotency.IdempotencyKeys;
import org.coalitionledger.web.limits.BlockingWork;
import org.coalitionledger.web.security.ApiKeys;
import org.coalitionledger.web.security.BearerTokens;
import org.coalitionledger.web.security.OidcIdentities;
import org.coalitionledger.web.security.SecurityConfig;
import org.coalitionledger.web.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.PlatformTransactionManager;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;

/**
 * The failures a healthy ledger cannot be made to produce on demand — a write racing another node, a timeout, a
 * fault — mapped by the one advice. A slice: controllers, security, advice and filters, with the gateways mocked.
 */
@WebFluxTest(controllers = {CoalitionWriteController.class, CoalitionReadController.class, AdminController.class},
        properties = {"COALITION_ADMIN_TOKEN=" + TestTokens.ADMIN, "COALITION_PARTNER_TOKEN=" + TestTokens.PARTNER,
                "COALITION_AUDITOR_TOKEN=" + TestTokens.AUDITOR, "COALITION_MONITOR_TOKEN=" + TestTokens.MONITOR,
                "coalition.web.query-timeout=PT0.3S",
                "coalition.web.command-timeout=PT0.3S"})
@Import({SecurityConfig.class, BearerTokens.class, ProblemDetailsAdvice.class, Writes.class, LedgerWriter.class,
        Reads.class, IdempotencyKeys.class, ApiKeys.class, OidcIdentities.class, BlockingWork.class,
        ValidationConfig.class})
class ProblemMappingTest {

    @Autowired
    WebTestClient client;

    @MockitoBean
    CommandGateway commandGateway;
    @MockitoBean
    QueryGateway queryGateway;
    @MockitoBean
    EventStore eventStore;
    @MockitoBean
    EventStorageEngine storageEngine;
    @MockitoBean
    JdbcTemplate jdbc;
    /** Views as of a checkpoint ask the log whether it signed one; no view here asks for that. */
    @MockitoBean
    org.coalitionledger.log.CheckpointService checkpoints;
    @MockitoBean
    PlatformTransactionManager transactionManager;
    /** Record streams are resolved against the event store, mocked here: every write is to record a1 of c1. */
    @MockitoBean
    org.coalitionledger.web.commands.RecordStreams recordStreams;

    @org.junit.jupiter.api.BeforeEach
    void recordStream() {
        when(recordStreams.streamOf(any())).thenReturn("record:c1:a1");
    }

    WebTestClient.ResponseSpec arrest(String token) {
        return client.post().uri("/api/v1/coalitions/c1/arrests").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(ApiFixtures.arrest("a1", "2020-02-01", 1))
                .exchange();
    }

    @Test
    void write_rejected_409_whenAConcurrentWriteWins() {
        when(eventStore.lastSequenceNumberFor(anyString())).thenReturn(Optional.empty());
        when(commandGateway.send(any())).thenReturn(CompletableFuture.failedFuture(
                new CompletionException(new ConcurrencyException("sequence 0 taken"))));
        CoalitionApiTest.problem(arrest(TestTokens.ADMIN), 409, "CONCURRENT_MODIFICATION");
    }

    @Test
    void write_rejected_409_whenADuplicateStreamIsCreated_insideACommandExecutionException() {
        when(eventStore.lastSequenceNumberFor(anyString())).thenReturn(Optional.empty());
        when(commandGateway.send(any())).thenReturn(CompletableFuture.failedFuture(new CommandExecutionException(
                "failed", new AggregateStreamCreationException("stream exists"))));
        CoalitionApiTest.problem(arrest(TestTokens.ADMIN), 409, "CONCURRENT_MODIFICATION");
    }

    @Test
    void write_rejected_503_whenTheLedgerDoesNotAnswerInTime() {
        when(eventStore.lastSequenceNumberFor(anyString())).thenReturn(Optional.empty());
        when(commandGateway.send(any())).thenReturn(new CompletableFuture<>());
        CoalitionApiTest.problem(arrest(TestTokens.ADMIN), 503, "TIMEOUT");
    }

    @Test
    void read_rejected_503_whenTheQueryTimesOut() {
        when(queryGateway.query(any(), eq(org.coalitionledger.api.view.CoalitionView.class)))
                .thenReturn(new CompletableFuture<>());
        CoalitionApiTest.problem(client.get().uri("/api/v1/coalitions/c1")
                .header("Authorization", "Bearer " + TestTokens.PARTNER).exchange(), 503, "TIMEOUT");
    }

    @Test
    void anUnexpectedFault_is500_withAGenericDetail_neverTheMessage() {
        when(queryGateway.query(any(), eq(org.coalitionledger.api.view.CoalitionView.class)))
                .thenReturn(CompletableFuture.failedFuture(new IllegalStateException("secret internal detail")));
        client.get().uri("/api/v1/coalitions/c1").header("Authorization", "Bearer " + TestTokens.PARTNER).exchange()
                .expectStatus().isEqualTo(500)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code").isEqualTo("INTERNAL_ERROR")
                .jsonPath("$.type").isEqualTo("urn:problem:coalition:internal-error")
                .jsonPath("$.detail").value(detail -> org.assertj.core.api.Assertions
                        .assertThat((String) detail).doesNotContain("secret").contains("reference"));
    }

    @Test
    void rebuildProjections_accepted_202_asAnAdministratorsCommand() {
        when(commandGateway.send(any())).thenReturn(CompletableFuture.completedFuture(
                new ViewsRebuild("rebuild-1", List.of("coalition-views"))));
        client.post().uri("/api/v1/admin/projections/rebuild").header("Authorization", "Bearer " + TestTokens.ADMIN)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"reason\": \"replay check\"}")
                .exchange()
                .expectStatus().isAccepted()
                .expectBody().jsonPath("$.processors[0]").isEqualTo("coalition-views");
        client.post().uri("/api/v1/admin/projections/rebuild").header("Authorization", "Bearer " + TestTokens.PARTNER)
                .exchange().expectStatus().isForbidden().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
