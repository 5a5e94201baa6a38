package org.coalitionledger.web.api;

import java.util.UUID;

/** Request bodies for the API tests: a small coalition founded 2020-01-15 with two founding members. */
public final class ApiFixtures {

    private ApiFixtures() {
    }

    public static String freshId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String foundCoalition(String id) {
        return """
                {"coalitionId": "%s", "name": "Test coalition %s", "foundedOn": "2020-01-15",
                 "convenors": ["WWF"],
                 "foundingMembers": [
                   {"memberId": "acme", "name": "Acme", "country": "US", "region": "North America", "sector": "e-commerce"},
                   {"memberId": "globex", "name": "Globex", "country": "CN", "region": "Asia", "sector": "search"}],
                 "goal": {"goalId": "reduce-80", "description": "Reduce trafficking online by 80%%",
                          "metric": "ONLINE_TRAFFICKING", "baseline": null, "targetReductionPercent": 80,
                          "deadline": "2022-12-31"}}
                """.formatted(id, id);
    }

    public static String join(String memberId, String joinedOn) {
        return """
                {"memberId": "%s", "disclosed": true, "name": "Member %s", "country": "VN", "region": "Asia",
                 "sector": "classifieds", "joinedOn": "%s", "note": null}
                """.formatted(memberId, memberId, joinedOn);
    }

    public static String takedownBatch(String batchId, String start, String end, long listings) {
        return """
                {"batchId": "%s", "reporter": {"type": "MEMBER", "memberId": "acme", "name": null},
                 "periodStart": "%s", "periodEnd": "%s", "listingsRemoved": %d, "adsBlocked": 10,
                 "accountsRemoved": 5, "categories": ["ivory"], "scope": "test scope", "source": "test source"}
                """.formatted(batchId, start, end, listings);
    }

    public static String arrest(String recordId, String date, long count) {
        return """
                {"recordId": "%s", "date": "%s", "count": %d, "jurisdiction": "CN", "agency": "Police",
                 "scope": "test scope", "source": "test source"}
                """.formatted(recordId, date, count);
    }

    public static String confiscation(String recordId, String date) {
        return """
                {"recordId": "%s", "date": "%s", "amount": "672.02", "currency": "CNY", "usdRate": "6.7202",
                 "rateDate": "%s", "rateSource": "test rate", "jurisdiction": "CN", "scope": "test scope",
                 "source": "test source"}
                """.formatted(recordId, date, date);
    }
}
