package org.coalitionledger.web.health;

import org.coalitionledger.audit.SignedNote;
import org.coalitionledger.log.CheckpointKeyStore;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.security.KeyPair;

/**
 * Readiness: this node can sign checkpoints with the ledger's current key. It takes the key the way signing does
 * (rereading the key chain, so a rotation made on another node whose key file this node lacks is seen) and signs a
 * throw-away note with it, so a key that is loaded but unusable counts as missing. Never the key itself in the
 * details: only which key of the chain it is.
 */
@Component
class SigningKeyHealthIndicator implements ReactiveHealthIndicator {

    private final BackgroundCheck check;

    SigningKeyHealthIndicator(CheckpointKeyStore keys, BackgroundChecks checks) {
        this.check = checks.register("signingKey", () -> {
            KeyPair pair = keys.signingKeyPair();
            SignedNote.sign("signing key check\n", "health-check", pair);
            return Health.up().withDetail("key", keys.chain().size() - 1).build();
        });
    }

    @Override
    public Mono<Health> health() {
        return check.health();
    }
}
