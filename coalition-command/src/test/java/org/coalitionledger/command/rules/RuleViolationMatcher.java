package org.coalitionledger.command.rules;

import org.coalitionledger.api.error.CoalitionErrorCode;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;

/**
 * Matches a {@link CoalitionRuleViolation} of exactly the given type that carries the given code, so a rejection
 * for the wrong reason (or with the wrong code) fails the test.
 * Use with {@code .expectException(violation(MemberAlreadyJoined.class, MEMBER_ALREADY_JOINED))}.
 */
public final class RuleViolationMatcher extends TypeSafeDiagnosingMatcher<Throwable> {

    private final Class<? extends CoalitionRuleViolation> type;
    private final CoalitionErrorCode code;

    private RuleViolationMatcher(Class<? extends CoalitionRuleViolation> type, CoalitionErrorCode code) {
        super(Throwable.class);
        this.type = type;
        this.code = code;
    }

    public static Matcher<Throwable> violation(Class<? extends CoalitionRuleViolation> type, CoalitionErrorCode code) {
        return new RuleViolationMatcher(type, code);
    }

    @Override
    protected boolean matchesSafely(Throwable actual, Description mismatch) {
        if (actual.getClass() != type) {
            mismatch.appendText("was ").appendValue(actual.getClass().getName())
                    .appendText(" with message ").appendValue(actual.getMessage());
            return false;
        }
        CoalitionErrorCode actualCode = ((CoalitionRuleViolation) actual).code();
        if (actualCode != code) {
            mismatch.appendText("had code ").appendValue(actualCode);
            return false;
        }
        return true;
    }

    @Override
    public void describeTo(Description description) {
        description.appendText(type.getSimpleName()).appendText(" with code ").appendValue(code);
    }
}
