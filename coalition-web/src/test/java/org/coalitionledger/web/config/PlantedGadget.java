package org.coalitionledger.web.config;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A class a planted event row names as its payload type. It records its own initialisation (which happens when a
 * class is loaded for use, as Jackson loads a type it is asked to read), so a test can tell whether the server ever
 * touched it. Only ever referred to by name in tests.
 */
public final class PlantedGadget {

    /** Names of the gadget classes initialised in this JVM (kept outside the gadget, so reading it loads nothing). */
    public static final class Initialised {
        public static final Set<String> NAMES = ConcurrentHashMap.newKeySet();

        private Initialised() {
        }
    }

    static {
        Initialised.NAMES.add(PlantedGadget.class.getName());
    }
}
