package org.coalitionledger.web.audit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.coalitionledger.log.AuditLogStore;
import org.coalitionledger.log.RowsRead;
import org.springframework.stereotype.Component;

/**
 * Publishes the rows the log's reads return, by what they were read for, as the counter
 * {@code coalition.log.rows.read{read=...}}: operators see what a kind of request costs in rows.
 */
@Component
class RowsReadMetrics implements MeterBinder {

    private final AuditLogStore store;

    RowsReadMetrics(AuditLogStore store) {
        this.store = store;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        RowsRead rowsRead = store.rowsRead();
        for (RowsRead.Read read : RowsRead.Read.values()) {
            FunctionCounter.builder("coalition.log.rows.read", rowsRead, counts -> counts.get(read))
                    .tag("read", read.name().toLowerCase(java.util.Locale.ROOT))
                    .description("rows returned by the log's reads, by what they were read for")
                    .register(registry);
        }
    }
}
