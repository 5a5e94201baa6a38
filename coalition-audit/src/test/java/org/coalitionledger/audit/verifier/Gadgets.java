package org.coalitionledger.audit.verifier;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Classes a hostile bundle might name as a payload type. Each records its own initialisation (a static initializer
 * runs when a class is loaded for use, as Jackson loads a type it is asked to read), so a test can tell whether the
 * verifier ever touched it. Each test uses its own gadget: a class is initialised once per JVM.
 */
final class Gadgets {

    static final Set<String> INITIALISED = ConcurrentHashMap.newKeySet();

    private Gadgets() {
    }

    /** Named by a hostile bundle: the verifier must never load it. */
    public static final class PlantedGadget {
        static {
            INITIALISED.add(PlantedGadget.class.getName());
        }
    }

    /** Read without the allow-list, to show that loading would be seen. */
    public static final class ControlGadget {
        static {
            INITIALISED.add(ControlGadget.class.getName());
        }
    }

    /** Records every class the code under test asks the thread's context class loader for. */
    static final class RecordingClassLoader extends ClassLoader {
        final List<String> asked = new CopyOnWriteArrayList<>();

        RecordingClassLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            asked.add(name);
            return super.loadClass(name, resolve);
        }
    }
}
