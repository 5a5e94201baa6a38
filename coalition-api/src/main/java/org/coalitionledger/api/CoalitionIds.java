package org.coalitionledger.api;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.util.Optional;

/**
 * Finds the coalition an event belongs to. Every coalition and reporting event is a record with a
 * {@code coalitionId} component (a rule of the API), so this reads that component instead of listing event types:
 * an event added later is sequenced correctly without touching this class.
 */
public final class CoalitionIds {

    private static final ClassValue<MethodHandle> ACCESSORS = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            if (!type.isRecord()) {
                return null;
            }
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getName().equals("coalitionId") && component.getType() == String.class) {
                    try {
                        return MethodHandles.publicLookup().unreflect(component.getAccessor());
                    } catch (IllegalAccessException e) {
                        // A record that is not public is not one of the API's events.
                        return null;
                    }
                }
            }
            return null;
        }
    };

    private CoalitionIds() {
    }

    /** Whether payloads of {@code type} carry a coalition id: a record with a {@code String coalitionId} component. */
    public static boolean isCarriedBy(Class<?> type) {
        return ACCESSORS.get(type) != null;
    }

    /** The payload's coalition id; empty for a payload that has none (or a null one). */
    public static Optional<String> of(Object payload) {
        if (payload == null) {
            return Optional.empty();
        }
        MethodHandle accessor = ACCESSORS.get(payload.getClass());
        if (accessor == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable((String) accessor.invoke(payload));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read coalitionId of " + payload.getClass().getName(), e);
        }
    }
}
