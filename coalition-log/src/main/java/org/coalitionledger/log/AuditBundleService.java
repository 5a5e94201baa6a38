package org.coalitionledger.log;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.NoHandlerForQueryException;
import org.axonframework.queryhandling.QueryGateway;
import org.coalitionledger.api.view.FindYearOverYearQuery;
import org.coalitionledger.api.view.YearBasis;
import org.coalitionledger.api.view.YearOverYearView;
import org.coalitionledger.audit.LogLeaf;
import org.coalitionledger.audit.StoredEvent;
import org.coalitionledger.audit.bundle.AuditBundle;
import org.coalitionledger.audit.bundle.AuditJson;
import org.coalitionledger.audit.bundle.BundleEvent;
import org.coalitionledger.audit.bundle.BundleLeaf;
import org.coalitionledger.audit.bundle.BundleView;
import org.coalitionledger.audit.bundle.LedgerViews;
import org.coalitionledger.log.AuditLogStore.StoredCheckpoint;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Assembles the audit bundle (docs/audit-format.md, section 6) for the latest signed checkpoint: exactly the leaves
 * it signs, the stored rows they came from, every checkpoint up to it, the public key, and the published
 * year-over-year views as recorded at the last bundled event. Reads only; blocking (call it off the event loop).
 */
@Service
public class AuditBundleService {

    public static final String VIEWS_FROM_QUERY = "query";
    public static final String VIEWS_FROM_FOLD = "fold";

    private final AuditLogStore store;
    private final CheckpointKeyStore keys;
    private final QueryGateway queryGateway;
    private final AuditProperties properties;

    AuditBundleService(AuditLogStore store, CheckpointKeyStore keys, QueryGateway queryGateway,
                       AuditProperties properties) {
        this.store = store;
        this.keys = keys;
        this.queryGateway = queryGateway;
        this.properties = properties;
    }

    public AuditBundle bundle() {
        StoredCheckpoint latest = store.latestCheckpoint().orElseThrow(() -> new LogUnavailableException(
                "no checkpoint has been signed yet; POST /api/v1/audit/checkpoints first", false, null));
        List<LogLeaf> leaves = store.leaves(0, latest.treeSize());
        Set<Long> bundled = new HashSet<>();
        leaves.forEach(leaf -> bundled.add(leaf.globalIndex()));
        List<StoredEvent> events = new ArrayList<>();
        store.forEachStoredEvent(event -> {
            if (bundled.contains(event.globalIndex())) {
                events.add(event);
            }
        });

        Instant recordedAt = events.stream().map(e -> Instant.parse(e.timestamp())).max(Instant::compareTo)
                .orElse(null);
        LedgerViews fold = new LedgerViews(events);
        List<BundleView> views = new ArrayList<>();
        // Learnt from the first query: whether a read model answers year-over-year queries in this deployment.
        // Where none does, the bundle publishes what the fold says instead, and says so in viewsSource.
        Boolean viaQuery = null;
        for (String coalitionId : fold.coalitionIds()) {
            for (YearBasis basis : YearBasis.values()) {
                YearOverYearView view = null;
                if (!Boolean.FALSE.equals(viaQuery)) {
                    try {
                        view = published(coalitionId, basis, recordedAt);
                        viaQuery = true;
                    } catch (NoHandlerForQueryException e) {
                        viaQuery = false;
                    }
                }
                if (Boolean.FALSE.equals(viaQuery)) {
                    view = fold.yearOverYear(coalitionId, basis, recordedAt);
                }
                views.add(new BundleView(coalitionId, basis, recordedAt == null ? null : recordedAt.toString(),
                        AuditJson.mapper().valueToTree(view)));
            }
        }
        String source = Boolean.FALSE.equals(viaQuery) ? VIEWS_FROM_FOLD : VIEWS_FROM_QUERY;
        List<String> checkpoints = store.checkpointsUpTo(latest.treeSize()).stream()
                .map(StoredCheckpoint::note).toList();
        return new AuditBundle(AuditBundle.FORMAT, properties.origin(), keys.verifierKey().toText(),
                latest.treeSize(), checkpoints, leaves.stream().map(BundleLeaf::of).toList(),
                events.stream().map(BundleEvent::of).toList(), views, source);
    }

    /**
     * The view the query side publishes as recorded at {@code recordedAt} (null when it holds no such coalition).
     *
     * @throws NoHandlerForQueryException when no read model answers the query
     */
    private YearOverYearView published(String coalitionId, YearBasis basis, Instant recordedAt) {
        try {
            return queryGateway.query(new FindYearOverYearQuery(coalitionId, basis, recordedAt),
                    ResponseTypes.instanceOf(YearOverYearView.class))
                    .get(properties.viewQueryTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof NoHandlerForQueryException noHandler) {
                throw noHandler;
            }
            throw new IllegalStateException("the year-over-year query for " + coalitionId + " failed", e.getCause());
        } catch (TimeoutException e) {
            throw new LogUnavailableException(
                    "the published views did not answer in time; try again", true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while collecting the published views", e);
        }
    }
}
