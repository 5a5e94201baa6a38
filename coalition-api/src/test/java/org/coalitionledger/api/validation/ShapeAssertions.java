package org.coalitionledger.api.validation;

import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.coalitionledger.api.error.CoalitionErrorCode;
import org.coalitionledger.api.error.InvalidCommandException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Asserts that building something is refused as an {@link InvalidCommandException} with the given code. */
public final class ShapeAssertions {

    private ShapeAssertions() {
    }

    public static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(ThrowingCallable build,
                                                                                 CoalitionErrorCode code) {
        return assertThatThrownBy(build)
                .isInstanceOfSatisfying(InvalidCommandException.class,
                        e -> assertThat(e.code()).as("code of <%s>", e.getMessage()).isEqualTo(code));
    }
}
