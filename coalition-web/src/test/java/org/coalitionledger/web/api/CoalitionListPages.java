package org.coalitionledger.web.api;

import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The list of coalitions read over HTTP as a client reads it: page after page, following {@code next}. */
public final class CoalitionListPages {

    private CoalitionListPages() {
    }

    /** Every coalition id, following the pages of {@code limit}; each page holds at most that many. */
    public static List<String> everyCoalitionId(WebTestClient client, int limit) {
        List<String> ids = new ArrayList<>();
        String after = null;
        do {
            Optional<String> from = Optional.ofNullable(after);
            JsonNode page = client.get().uri(uri -> uri.path("/api/v1/coalitions").queryParam("limit", limit)
                            .queryParamIfPresent("after", from).build())
                    .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
            assertThat(page.path("coalitions").size()).isLessThanOrEqualTo(limit);
            page.path("coalitions").forEach(coalition -> ids.add(coalition.path("coalitionId").asString()));
            after = page.path("next").isNull() ? null : page.path("next").asString();
        } while (after != null);
        return ids;
    }
}
