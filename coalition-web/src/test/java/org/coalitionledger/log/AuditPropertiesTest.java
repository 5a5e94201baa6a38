package org.coalitionledger.log;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The log's settings as the application binds them: their defaults, and the durations refused at start. */
class AuditPropertiesTest {

    private static AuditProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("coalition.audit", AuditProperties.class);
    }

    @Test
    void theHistorySettleTime_isByDefaultTheMaxLogDelay_asSetOrByDefault() {
        assertThat(bind(Map.of()).historySettleTime()).isEqualTo(Duration.ofSeconds(60));
        assertThat(bind(Map.of("coalition.audit.max-log-delay", "PT90S")).historySettleTime())
                .isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void aHistorySettleTimeOfZero_isKept_asNoWait() {
        assertThat(bind(Map.of("coalition.audit.history-settle-time", "PT0S")).historySettleTime())
                .isEqualTo(Duration.ZERO);
    }

    @Test
    void aNegativeDuration_isRefusedAtStart_namingTheSetting() {
        for (String name : new String[] {"history-settle-time", "max-log-delay", "checkpoint-interval"}) {
            assertThatThrownBy(() -> bind(Map.of("coalition.audit." + name, "-PT1S")))
                    .as(name)
                    .isInstanceOf(BindException.class)
                    .rootCause()
                    .hasMessage("coalition.audit." + name + " must not be negative; got PT-1S");
        }
    }
}
