package org.coalitionledger.command.config;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.coalitionledger.api.LedgerMetadata;
import org.coalitionledger.api.error.CoalitionError;
import org.coalitionledger.api.error.CoalitionErrorCode;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;

import java.util.Map;

/** Fixture set-up shared by the tests that run commands through the production interceptors. */
public final class InterceptedFixtures {

    /** The metadata every command carries in production. */
    public static final Map<String, Object> ADMIN = Map.of(LedgerMetadata.ACTOR, "alice",
            LedgerMetadata.ACTOR_ROLE, "ADMIN");

    private InterceptedFixtures() {
    }

    /** Registers the interceptors in the order {@link CommandConfiguration} does: wrapping outermost. */
    public static <T> FixtureConfiguration<T> intercepted(FixtureConfiguration<T> fixture) {
        return fixture.registerCommandHandlerInterceptor(new ExceptionWrappingHandlerInterceptor())
                .registerCommandHandlerInterceptor(new ActorRequiredInterceptor());
    }

    /** The message {@link ActorRequiredInterceptor} gives for a command without the {@code key} metadata. */
    public static String actorMissing(Class<?> command, String key) {
        return "command " + command.getName() + " carries no '" + key
                + "' metadata; every fact must name who recorded it";
    }

    /** Matches {@code CommandExecutionException} details: a {@link CoalitionError} with this code and message. */
    public static Matcher<Object> coalitionError(CoalitionErrorCode code, Matcher<String> message) {
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(Object details, Description mismatch) {
                if (!(details instanceof CoalitionError error)) {
                    mismatch.appendText("was ").appendValue(details);
                    return false;
                }
                if (error.code() != code || !message.matches(error.message())) {
                    mismatch.appendText("was ").appendValue(error);
                    return false;
                }
                return true;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("CoalitionError with code ").appendValue(code)
                        .appendText(" and message ").appendDescriptionOf(message);
            }
        };
    }
}
