package org.coalitionledger.api.error;

/**
 * Every reason the ledger refuses a command. The name is the stable code clients see; {@link #slug()} is the
 * tail of the problem type URI. Never rename a constant: clients and auditors key on it.
 */
public enum CoalitionErrorCode {
    // Shape of a command (checked where the command is built).
    INVALID_ID,
    INVALID_TEXT,
    MISSING_FIELD,
    INVALID_PERIOD,
    INVALID_COUNT,
    ALL_FIGURES_ZERO,
    INVALID_AMOUNT,
    INVALID_CURRENCY,
    INVALID_COUNTRY,
    INVALID_REPORTER,
    IMPLAUSIBLE_DATE,
    DEADLINE_BEYOND_HORIZON,
    NUMBER_OUT_OF_RANGE,
    // Rules that depend on what the ledger already holds.
    ACTOR_MISSING,
    COALITION_NOT_FOUND,
    COALITION_ALREADY_FOUNDED,
    BEFORE_FOUNDING_DATE,
    MEMBER_ALREADY_JOINED,
    MEMBER_NOT_A_MEMBER,
    LEAVE_BEFORE_JOIN,
    REPORTER_NOT_A_MEMBER_FOR_PERIOD,
    GOAL_CONFLICT,
    RECORD_CONFLICT,
    RECORD_NOT_FOUND,
    RECORD_RETRACTED,
    CORRECTION_CHANGES_NOTHING,
    CORRECTION_NOT_APPLICABLE,
    CONCURRENT_MODIFICATION,
    REPORTS_OUTSIDE_MEMBERSHIP,
    STALE_RECORD_VERSION,
    // Operations on the projections' dead-letter queues.
    DEAD_LETTER_NOT_FOUND,
    // Operations on the views.
    REBUILD_UNDERWAY,
    VIEWS_CLAIMED_BY_ANOTHER_NODE;

    /** What kind of refusal a code is: the web maps INPUT to 400, NOT_FOUND to 404, CONFLICT to 409. */
    public enum Category { INPUT, NOT_FOUND, CONFLICT }

    /** Input codes are wrong whatever the ledger holds; not-found codes name something absent; the rest conflict. */
    public Category category() {
        return switch (this) {
            case INVALID_ID, INVALID_TEXT, MISSING_FIELD, INVALID_PERIOD, INVALID_COUNT, ALL_FIGURES_ZERO,
                 INVALID_AMOUNT, INVALID_CURRENCY, INVALID_COUNTRY, INVALID_REPORTER, IMPLAUSIBLE_DATE,
                 DEADLINE_BEYOND_HORIZON, NUMBER_OUT_OF_RANGE -> Category.INPUT;
            case COALITION_NOT_FOUND, RECORD_NOT_FOUND, DEAD_LETTER_NOT_FOUND -> Category.NOT_FOUND;
            default -> Category.CONFLICT;
        };
    }

    /** Kebab-case form used in problem type URIs, e.g. {@code member-already-joined}. */
    public String slug() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** Stable problem type URI of this code. */
    public String problemType() {
        return "urn:problem:coalition:" + slug();
    }
}
