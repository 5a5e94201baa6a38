package org.coalitionledger.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WrkTest {

    @Test
    void everyShippedScriptIsCopied_andAScriptNotShippedIsRefusedBeforeWrkRuns(@TempDir Path dir) throws Exception {
        Wrk wrk = new Wrk(dir);
        for (String script : Wrk.SCRIPTS) {
            assertThat(dir.resolve("wrk").resolve(script)).as(script).isNotEmptyFile();
        }
        // paced.lua loads get.lua from its own folder.
        assertThat(Files.readString(dir.resolve("wrk/paced.lua"))).contains("dofile(here .. \"get.lua\")");
        assertThatThrownBy(() -> wrk.start("http://127.0.0.1:9", "pacde.lua", 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no such wrk script");
    }
}
