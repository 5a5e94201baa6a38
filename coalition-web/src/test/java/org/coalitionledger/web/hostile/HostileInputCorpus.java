package org.coalitionledger.web.hostile;

import org.coalitionledger.web.security.TestTokens;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A generated corpus of bad requests: a few valid request templates, each field mutated by the kind of value it
 * holds (wrong JSON types, absent, out of range, unknown currencies, implausible dates, injection strings, text that
 * lies), plus whole-body mutations (extra fields, not an object, invalid UTF-8, oversized, deeply nested), duplicate
 * ids with other content, wrong and missing credentials, wrong roles, wrong methods and media types, and bad query
 * parameters. Every request in it must be refused: none is a valid request sent as it is.
 * <p>
 * The corpus is built against one coalition founded with {@code ApiFixtures.foundCoalition} (founded 2020-01-15,
 * members acme and globex) holding an arrest record {@code existingRecord} of count 2 dated 2020-02-01 and a takedown
 * batch {@code existingBatch}.
 */
public final class HostileInputCorpus {

    /** One request: what it tries, and what to send. */
    public record Request(String name, String method, String path, String token, String contentType, byte[] body,
                         Map<String, String> headers) {
        @Override
        public String toString() {
            return name + " (" + method + " " + path + ")";
        }
    }

    private static final String C = "/api/v1/coalitions/";

    /** Ids a client might try: wrong shapes, path tricks, injection, our own stream separator. */
    static final List<String> BAD_IDS = List.of("\"UPPER-CASE\"", "\"a b\"", "\"../../etc/passwd\"",
            "\"'; DROP TABLE domain_event_entry; --\"", "\"<script>alert(1)</script>\"", "\"a:b\"",
            "\"record:x\"", "\"\"", "42", "true", "null", "\"" + "x".repeat(65) + "\"", "\"${jndi:ldap://x/a}\"");
    /** Texts that are empty, lie about their direction, hide control characters or are not Unicode. */
    static final List<String> BAD_TEXTS = List.of("\"\"", "\"   \"", "\"\\u202Egnp.exe\"", "\"nul\\u0000byte\"",
            "\"\\ud800\"", "\"e\\u0301\"", "\"" + "t".repeat(1001) + "\"", "123", "true", "[\"a\"]", "{}");
    /** Counts of the wrong type, negative, fractional, beyond the cap or beyond any number. */
    static final List<String> BAD_COUNTS = List.of("-1", "1.5", "\"5\"", "true", "1000000001",
            "99999999999999999999999", "1e30000000", "[]", "{}", "\"\"");
    /** Dates not ISO, not real, before the ledger's earliest, far in the future, or of the wrong type. */
    static final List<String> BAD_DATES = List.of("\"2020-02-30\"", "\"20200201\"", "20200201", "\"9999-12-31\"",
            "\"1899-12-31\"", "\"+999999999-12-31\"", "\"\"", "true", "\"2020-02-01T00:00:00Z\"", "\"01/02/2020\"");
    static final List<String> BAD_COUNTRIES = List.of("\"XX\"", "\"CHN\"", "\"\"", "1", "\"C\\u0000\"", "\"ZZ\"");
    static final List<String> BAD_CURRENCIES = List.of("\"XYZ\"", "\"XAU\"", "\"XTS\"", "\"EURO\"", "\"\"", "1",
            "\"\\u20AC\"");
    static final List<String> BAD_DECIMALS = List.of("\"-1\"", "0", "-5.5", "\"abc\"", "1e30000000",
            "\"1e10000000\"", "true", "[]", "0.000000000001");
    static final List<String> BAD_BOOLEANS = List.of("\"true\"", "1", "\"yes\"", "[]");
    static final List<String> BAD_OBJECTS = List.of("\"x\"", "[]", "1", "true");
    static final List<String> BAD_LISTS = List.of("\"ivory\"", "[1]", "{}", "[\"\\u202E\"]", "[null]");

    enum Kind { ID, TEXT, COUNT, DATE, COUNTRY, CURRENCY, DECIMAL, BOOLEAN, OBJECT, LIST }

    /** A field of a template: its valid value (raw JSON), its kind, and whether the request needs it. */
    record Field(String name, String value, Kind kind, boolean required) {
    }

    /** A valid write and the fields it is made of. */
    record Template(String name, String path, List<Field> fields) {
        String body(String field, String value) {
            StringBuilder json = new StringBuilder("{");
            for (Field f : fields) {
                String v = f.name().equals(field) ? value : f.value();
                if (v == null) {
                    continue;
                }
                if (json.length() > 1) {
                    json.append(", ");
                }
                json.append('"').append(f.name()).append("\": ").append(v);
            }
            return json.append('}').toString();
        }

        String valid() {
            return body(null, null);
        }
    }

    private final List<Request> requests = new ArrayList<>();

    private HostileInputCorpus() {
    }

    /** The whole corpus for a coalition prepared as the class comment says. */
    public static List<Request> against(String coalition, String existingRecord, String existingBatch) {
        var corpus = new HostileInputCorpus();
        corpus.build(coalition, existingRecord, existingBatch);
        return List.copyOf(corpus.requests);
    }

    private static Field f(String name, String value, Kind kind) {
        return new Field(name, value, kind, true);
    }

    private static Field optional(String name, String value, Kind kind) {
        return new Field(name, value, kind, false);
    }

    private static String q(String text) {
        return "\"" + text + "\"";
    }

    private void build(String co, String existingRecord, String existingBatch) {
        String fresh = co + "-h";
        List<Template> templates = List.of(
                new Template("arrest", C + co + "/arrests", List.of(
                        f("recordId", q(fresh + "-a"), Kind.ID), f("date", q("2020-02-01"), Kind.DATE),
                        f("count", "2", Kind.COUNT), f("jurisdiction", q("CN"), Kind.COUNTRY),
                        f("agency", q("Police"), Kind.TEXT), f("scope", q("test scope"), Kind.TEXT),
                        f("source", q("test source"), Kind.TEXT))),
                new Template("confiscation", C + co + "/confiscations", List.of(
                        f("recordId", q(fresh + "-c"), Kind.ID), f("date", q("2020-02-01"), Kind.DATE),
                        f("amount", q("672.02"), Kind.DECIMAL), f("currency", q("CNY"), Kind.CURRENCY),
                        f("usdRate", q("6.7202"), Kind.DECIMAL), f("rateDate", q("2020-02-01"), Kind.DATE),
                        f("rateSource", q("test rate"), Kind.TEXT), f("jurisdiction", q("CN"), Kind.COUNTRY),
                        f("scope", q("test scope"), Kind.TEXT), f("source", q("test source"), Kind.TEXT))),
                new Template("takedown", C + co + "/takedown-batches", List.of(
                        f("batchId", q(fresh + "-b"), Kind.ID),
                        f("reporter", "{\"type\": \"MEMBER\", \"memberId\": \"acme\", \"name\": null}", Kind.OBJECT),
                        f("periodStart", q("2020-02-01"), Kind.DATE), f("periodEnd", q("2020-03-01"), Kind.DATE),
                        f("listingsRemoved", "5", Kind.COUNT), f("adsBlocked", "10", Kind.COUNT),
                        f("accountsRemoved", "5", Kind.COUNT), optional("categories", "[\"ivory\"]", Kind.LIST),
                        f("scope", q("test scope"), Kind.TEXT), f("source", q("test source"), Kind.TEXT))),
                new Template("join", C + co + "/members", List.of(
                        f("memberId", q("hostile-member"), Kind.ID), f("disclosed", "true", Kind.BOOLEAN),
                        f("name", q("Member"), Kind.TEXT), f("country", q("VN"), Kind.COUNTRY),
                        f("region", q("Asia"), Kind.TEXT), f("sector", q("classifieds"), Kind.TEXT),
                        f("joinedOn", q("2020-03-01"), Kind.DATE), optional("note", "null", Kind.TEXT))),
                new Template("departure", C + co + "/members/globex/departure", List.of(
                        f("leftOn", q("2020-06-01"), Kind.DATE), optional("reason", q("left"), Kind.TEXT))),
                new Template("goal", C + co + "/goals", List.of(
                        f("goal", "{\"goalId\": \"arrests-up\", \"description\": \"More arrests\", \"metric\": "
                                + "\"ARRESTS\", \"baseline\": 10, \"targetReductionPercent\": 50, \"deadline\": "
                                + "\"2030-01-01\"}", Kind.OBJECT),
                        f("setOn", q("2020-02-01"), Kind.DATE))),
                new Template("found", "/api/v1/coalitions", List.of(
                        f("coalitionId", q(co + "-found"), Kind.ID), f("name", q("Hostile coalition"), Kind.TEXT),
                        f("foundedOn", q("2020-01-15"), Kind.DATE), f("convenors", "[\"WWF\"]", Kind.LIST),
                        f("foundingMembers", "[{\"memberId\": \"acme\", \"name\": \"Acme\", \"country\": \"US\", "
                                + "\"region\": \"North America\", \"sector\": \"e-commerce\"}]", Kind.LIST),
                        f("goal", "{\"goalId\": \"reduce-80\", \"description\": \"Reduce\", \"metric\": "
                                + "\"ONLINE_TRAFFICKING\", \"baseline\": null, \"targetReductionPercent\": 80, "
                                + "\"deadline\": \"2030-12-31\"}", Kind.OBJECT))),
                new Template("correction", C + co + "/records/" + existingRecord + "/corrections", List.of(
                        optional("count", "3", Kind.COUNT), f("reason", q("recount"), Kind.TEXT))),
                new Template("retraction", C + co + "/records/" + existingRecord + "/retraction", List.of(
                        f("reason", q("duplicate"), Kind.TEXT))));

        for (Template t : templates) {
            for (Field field : t.fields()) {
                if (field.required()) {
                    post(t.name() + ": " + field.name() + " absent", t.path(), t.body(field.name(), null));
                    post(t.name() + ": " + field.name() + " null", t.path(), t.body(field.name(), "null"));
                }
                for (String bad : badValues(t, field)) {
                    post(t.name() + ": " + field.name() + "=" + abbreviate(bad), t.path(), t.body(field.name(), bad));
                }
            }
            String valid = t.valid();
            post(t.name() + ": unknown extra field", t.path(), valid.replaceFirst("\\{", "{\"extra\": 1, "));
            post(t.name() + ": field named twice", t.path(), valid.replaceFirst("\\{", "{\"" + t.fields().get(0).name()
                    + "\": " + t.fields().get(0).value() + ", "));
            for (String notAnObject : List.of("", "null", "[]", "\"text\"", "123", "{", "{\"a\":", "{}", "{not json")) {
                post(t.name() + ": body " + abbreviate(notAnObject), t.path(), notAnObject);
            }
            add(t.name() + ": invalid UTF-8", "POST", t.path(), TestTokens.ADMIN, "application/json",
                    withInvalidUtf8(valid), Map.of());
            add(t.name() + ": text/plain", "POST", t.path(), TestTokens.ADMIN, "text/plain", bytes(valid), Map.of());
            add(t.name() + ": no credentials", "POST", t.path(), null, "application/json", bytes(valid), Map.of());
            add(t.name() + ": wrong token", "POST", t.path(), "not-a-token", "application/json", bytes(valid),
                    Map.of());
            add(t.name() + ": partner", "POST", t.path(), TestTokens.PARTNER, "application/json", bytes(valid),
                    Map.of());
            add(t.name() + ": auditor", "POST", t.path(), TestTokens.AUDITOR, "application/json", bytes(valid),
                    Map.of());
            add(t.name() + ": monitor", "POST", t.path(), TestTokens.MONITOR, "application/json", bytes(valid),
                    Map.of());
            add(t.name() + ": PUT", "PUT", t.path(), TestTokens.ADMIN, "application/json", bytes(valid), Map.of());
            add(t.name() + ": DELETE", "DELETE", t.path(), TestTokens.ADMIN, null, null, Map.of());
        }
        wholeBodies(co);
        duplicates(co, existingRecord, existingBatch);
        credentials(co);
        queries(co, existingRecord);
    }

    /** The bad values of a field's kind, minus those that would be valid where the field is optional. */
    private static List<String> badValues(Template t, Field field) {
        List<String> values = new ArrayList<>(switch (field.kind()) {
            case ID -> BAD_IDS;
            case TEXT -> BAD_TEXTS;
            case COUNT -> BAD_COUNTS;
            case DATE -> BAD_DATES;
            case COUNTRY -> BAD_COUNTRIES;
            case CURRENCY -> BAD_CURRENCIES;
            case DECIMAL -> BAD_DECIMALS;
            case BOOLEAN -> BAD_BOOLEANS;
            case OBJECT -> BAD_OBJECTS;
            case LIST -> BAD_LISTS;
        });
        if (!field.required()) {
            values.remove("null");
        }
        if (field.kind() == Kind.DATE && t.name().equals("departure")) {
            // A departure long after joining, but before the coalition's founding, is still a refused departure.
            values.add(q("2019-12-31"));
        }
        if (field.kind() == Kind.DATE && List.of("arrest", "confiscation", "takedown", "join").contains(t.name())
                && !field.name().equals("rateDate") && !field.name().equals("periodEnd")) {
            values.add(q("2019-12-31")); // before the coalition's founding
        }
        return values;
    }

    private void wholeBodies(String co) {
        String arrests = C + co + "/arrests";
        String deep = "[".repeat(600) + "]".repeat(600);
        post("deeply nested body", arrests, deep);
        post("deeply nested field", arrests, "{\"recordId\": " + deep + "}");
        post("deeply nested objects", arrests, "{\"a\":".repeat(300) + "1" + "}".repeat(300));
        add("nine megabytes", "POST", arrests, TestTokens.ADMIN, "application/json",
                bytes("{\"recordId\": \"" + "x".repeat(9 * 1024 * 1024) + "\"}"), Map.of());
        post("a hundred-kilobyte text", arrests, "{\"recordId\": \"r\", \"agency\": \"" + "p".repeat(100_000) + "\"}");
        post("a 200-digit number", arrests, "{\"recordId\": \"r\", \"count\": 1" + "0".repeat(200) + "}");
        post("a long field name", arrests, "{\"" + "n".repeat(1000) + "\": 1}");
        add("lone UTF-8 continuation bytes", "POST", arrests, TestTokens.ADMIN, "application/json",
                new byte[]{'{', '"', (byte) 0x80, (byte) 0x80, '"', ':', '1', '}'}, Map.of());
        add("UTF-16 body declared as JSON", "POST", arrests, TestTokens.ADMIN, "application/json",
                "{\"recordId\": \"r\"}".getBytes(StandardCharsets.UTF_16), Map.of());
        add("XML body", "POST", arrests, TestTokens.ADMIN, "application/xml", bytes("<arrest/>"), Map.of());
        add("no content type", "POST", arrests, TestTokens.ADMIN, null, bytes("{\"recordId\": \"r\"}"), Map.of());
        add("empty import", "POST", C + co + "/imports", TestTokens.ADMIN, "application/x-ndjson", bytes("\n\n"),
                Map.of());
        add("import as JSON", "POST", C + co + "/imports", TestTokens.ADMIN, "application/json", bytes("{}"),
                Map.of());
        add("import for a partner", "POST", C + co + "/imports", TestTokens.PARTNER, "application/x-ndjson",
                bytes("{\"command\": \"RecordArrest\", \"payload\": {}}"), Map.of());
        add("Idempotency-Key too long", "POST", arrests, TestTokens.ADMIN, "application/json",
                bytes("{\"recordId\": \"r\"}"), Map.of("Idempotency-Key", "k".repeat(1000)));
        add("If-Match not a version", "POST", C + co + "/records/nope/corrections", TestTokens.ADMIN,
                "application/json", bytes("{\"count\": 3, \"reason\": \"r\"}"), Map.of("If-Match", "\"-1x\""));
    }

    private void duplicates(String co, String existingRecord, String existingBatch) {
        post("an existing arrest id with another count", C + co + "/arrests",
                "{\"recordId\": \"" + existingRecord + "\", \"date\": \"2020-02-01\", \"count\": 3, \"jurisdiction\": "
                        + "\"CN\", \"agency\": \"Police\", \"scope\": \"test scope\", \"source\": \"test source\"}");
        post("an existing arrest id as a confiscation", C + co + "/confiscations",
                "{\"recordId\": \"" + existingRecord + "\", \"date\": \"2020-02-01\", \"amount\": \"672.02\", "
                        + "\"currency\": \"CNY\", \"usdRate\": \"6.7202\", \"rateDate\": \"2020-02-01\", "
                        + "\"rateSource\": \"test rate\", \"jurisdiction\": \"CN\", \"scope\": \"test scope\", "
                        + "\"source\": \"test source\"}");
        post("an existing batch id with other figures", C + co + "/takedown-batches",
                "{\"batchId\": \"" + existingBatch + "\", \"reporter\": {\"type\": \"MEMBER\", \"memberId\": "
                        + "\"acme\", \"name\": null}, \"periodStart\": \"2020-02-01\", \"periodEnd\": \"2020-03-01\", "
                        + "\"listingsRemoved\": 6, \"adsBlocked\": 10, \"accountsRemoved\": 5, \"categories\": "
                        + "[\"ivory\"], \"scope\": \"test scope\", \"source\": \"test source\"}");
        post("an existing member joining again", C + co + "/members",
                "{\"memberId\": \"acme\", \"disclosed\": true, \"name\": \"Acme again\", \"country\": \"US\", "
                        + "\"region\": \"North America\", \"sector\": \"e-commerce\", \"joinedOn\": \"2020-03-01\", "
                        + "\"note\": null}");
        post("an existing coalition founded again", "/api/v1/coalitions",
                "{\"coalitionId\": \"" + co + "\", \"name\": \"Another name\", \"foundedOn\": \"2020-01-16\", "
                        + "\"convenors\": [\"WWF\"], \"foundingMembers\": [], \"goal\": {\"goalId\": \"g\", "
                        + "\"description\": \"d\", \"metric\": \"ARRESTS\", \"baseline\": 10, "
                        + "\"targetReductionPercent\": 50, \"deadline\": \"2030-01-01\"}}");
        post("the first-year coalition founded again", "/api/v1/coalitions",
                "{\"coalitionId\": \"cewto\", \"name\": \"Not it\", \"foundedOn\": \"2018-03-07\", "
                        + "\"convenors\": [\"WWF\"], \"foundingMembers\": [], \"goal\": {\"goalId\": \"g\", "
                        + "\"description\": \"d\", \"metric\": \"ARRESTS\", \"baseline\": 10, "
                        + "\"targetReductionPercent\": 50, \"deadline\": \"2030-01-01\"}}");
        post("a correction of an unknown record", C + co + "/records/no-such-record/corrections",
                "{\"count\": 3, \"reason\": \"r\"}");
        post("a correction of another coalition's record", C + "cewto/records/" + existingRecord + "/corrections",
                "{\"count\": 3, \"reason\": \"r\"}");
        post("a retraction of another coalition's first-year record", C + co
                + "/records/first-year-china-arrests/retraction", "{\"reason\": \"r\"}");
        post("a correction that changes nothing", C + co + "/records/" + existingRecord + "/corrections",
                "{\"count\": 2, \"reason\": \"same\"}");
        post("a correction with a stale version", C + co + "/records/" + existingRecord + "/corrections",
                "{\"count\": 4, \"reason\": \"r\", \"expectedVersion\": 7}");
        post("a figure that does not apply", C + co + "/records/" + existingRecord + "/corrections",
                "{\"listingsRemoved\": 4, \"reason\": \"r\"}");
        post("a departure of a non-member", C + co + "/members/nobody/departure", "{\"leftOn\": \"2020-06-01\"}");
        post("a report by a non-member", C + co + "/takedown-batches",
                "{\"batchId\": \"" + co + "-nm\", \"reporter\": {\"type\": \"MEMBER\", \"memberId\": \"nobody\", "
                        + "\"name\": null}, \"periodStart\": \"2020-02-01\", \"periodEnd\": \"2020-03-01\", "
                        + "\"listingsRemoved\": 6, \"adsBlocked\": 10, \"accountsRemoved\": 5, \"categories\": "
                        + "[\"ivory\"], \"scope\": \"test scope\", \"source\": \"test source\"}");
        post("a period that ends before it starts", C + co + "/takedown-batches",
                "{\"batchId\": \"" + co + "-rev\", \"reporter\": {\"type\": \"MEMBER\", \"memberId\": \"acme\", "
                        + "\"name\": null}, \"periodStart\": \"2020-03-01\", \"periodEnd\": \"2020-02-01\", "
                        + "\"listingsRemoved\": 6, \"adsBlocked\": 10, \"accountsRemoved\": 5, \"categories\": "
                        + "[\"ivory\"], \"scope\": \"test scope\", \"source\": \"test source\"}");
        post("all figures zero", C + co + "/takedown-batches",
                "{\"batchId\": \"" + co + "-zero\", \"reporter\": {\"type\": \"MEMBER\", \"memberId\": \"acme\", "
                        + "\"name\": null}, \"periodStart\": \"2020-02-01\", \"periodEnd\": \"2020-03-01\", "
                        + "\"listingsRemoved\": 0, \"adsBlocked\": 0, \"accountsRemoved\": 0, \"categories\": "
                        + "[\"ivory\"], \"scope\": \"test scope\", \"source\": \"test source\"}");
        post("a write to an unknown coalition", C + "no-such-coalition/arrests",
                "{\"recordId\": \"r\", \"date\": \"2020-02-01\", \"count\": 3, \"jurisdiction\": \"CN\", "
                        + "\"agency\": \"Police\", \"scope\": \"test scope\", \"source\": \"test source\"}");
    }

    private void credentials(String co) {
        String arrest = "{\"recordId\": \"" + co + "-cred\", \"date\": \"2020-02-01\", \"count\": 3, "
                + "\"jurisdiction\": \"CN\", \"agency\": \"Police\", \"scope\": \"test scope\", "
                + "\"source\": \"test source\"}";
        Map<String, String> authorizations = new LinkedHashMap<>();
        authorizations.put("Basic credentials", "Basic YWRtaW46YWRtaW4=");
        authorizations.put("empty bearer", "Bearer ");
        authorizations.put("bearer with spaces", "Bearer  " + TestTokens.ADMIN + " x");
        authorizations.put("admin token with a suffix", "Bearer " + TestTokens.ADMIN + "x");
        authorizations.put("admin token cut short", "Bearer " + TestTokens.ADMIN.substring(1));
        authorizations.put("an API key that does not exist", "Bearer clk_0000000000000000_c2VjcmV0");
        authorizations.put("a malformed API key", "Bearer clk_");
        authorizations.put("a forged JWT", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.");
        authorizations.put("lower-case scheme", "bearer nope");
        authorizations.put("injection in the token", "Bearer ' OR '1'='1");
        for (var entry : authorizations.entrySet()) {
            add("credentials: " + entry.getKey(), "POST", C + co + "/arrests", null, "application/json",
                    bytes(arrest), Map.of("Authorization", entry.getValue()));
        }
        for (String token : List.of(TestTokens.PARTNER, TestTokens.AUDITOR, TestTokens.MONITOR)) {
            add("role: rebuild views as " + token, "POST", "/api/v1/admin/projections/rebuild", token,
                    "application/json", bytes("{\"reason\": \"r\"}"), Map.of());
            add("role: issue a key as " + token, "POST", "/api/v1/admin/api-keys", token, "application/json",
                    bytes("{\"subject\": \"eve@example.org\", \"role\": \"ADMIN\"}"), Map.of());
            add("role: sign a checkpoint as " + token, "POST", "/api/v1/audit/checkpoints", token, null, null,
                    Map.of());
        }
        add("role: monitor reads a view", "GET", C + co + "/year-over-year", TestTokens.MONITOR, null, null, Map.of());
        add("role: partner reads events", "GET", C + co + "/events", TestTokens.PARTNER, null, null, Map.of());
        add("role: partner reads the bundle", "GET", "/api/v1/audit/bundle", TestTokens.PARTNER, null, null,
                Map.of());
        add("role: no credentials reads a view", "GET", C + co, null, null, null, Map.of());
    }

    private void queries(String co, String existingRecord) {
        List<String> paths = List.of(
                C + co + "/year-over-year?basis=%3Cscript%3E",
                C + co + "/year-over-year?basis=calendar-year%27%20OR%201=1--",
                C + co + "/year-over-year?recordedAt=yesterday",
                C + co + "/year-over-year?recordedAt=1900-01-01T00:00:00Z",
                C + co + "/year-over-year?asOfCheckpoint=-1",
                C + co + "/year-over-year?asOfCheckpoint=99999999999999999999",
                C + co + "/members?asOf=9999-99-99",
                C + co + "/members?asOf=%27%3B%20DROP%20TABLE%20domain_event_entry%3B--",
                C + co + "/goals/progress?recordedAt=%00",
                C + co + "/events?limit=0",
                C + co + "/events?limit=1e9",
                C + co + "/events?after=-5",
                C + co + "/events?after=9223372036854775807",
                C + co + "/records/" + existingRecord + "/events?limit=100000",
                "/api/v1/coalitions?limit=0",
                "/api/v1/coalitions?limit=1e9",
                "/api/v1/coalitions?after=%27%20OR%201=1--",
                C + "UPPER/year-over-year",
                C + "a%3Ab/records/x/events",
                C + "no-such-coalition/year-over-year",
                C + co + "/records/no-such-record/events",
                "/api/v1/records/no-such-record/events",
                "/api/v1/audit/proofs/inclusion?leaf=-1&treeSize=0",
                "/api/v1/audit/proofs/consistency?first=5&second=2",
                "/api/v1/audit/leaves?start=10&end=1",
                "/api/v1/no-such-endpoint");
        for (String path : paths) {
            add("query: " + path, "GET", path, TestTokens.AUDITOR, null, null, Map.of());
        }
        for (String path : List.of("/api/v1/admin/api-keys?limit=1001", "/api/v1/admin/api-keys?limit=-1",
                "/api/v1/admin/api-keys?after=%27%20OR%201=1--")) {
            add("query: " + path, "GET", path, TestTokens.ADMIN, null, null, Map.of());
        }
    }

    private void post(String name, String path, String json) {
        add(name, "POST", path, TestTokens.ADMIN, "application/json", bytes(json), Map.of());
    }

    private void add(String name, String method, String path, String token, String contentType, byte[] body,
                     Map<String, String> headers) {
        requests.add(new Request(name, method, path, token, contentType, body, headers));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The body with a byte sequence that is not UTF-8 inside its first string value. */
    private static byte[] withInvalidUtf8(String json) {
        byte[] utf8 = bytes(json);
        int quote = json.indexOf(": \"") + 3;
        byte[] broken = new byte[utf8.length + 2];
        System.arraycopy(utf8, 0, broken, 0, quote);
        broken[quote] = (byte) 0xC3;
        broken[quote + 1] = (byte) 0x28;
        System.arraycopy(utf8, quote, broken, quote + 2, utf8.length - quote);
        return broken;
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 37) + "...";
    }
}
