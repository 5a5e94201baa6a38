package org.coalitionledger.api.view;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Copies that make view records immutable and their iteration order deterministic. */
final class Views {

    private Views() {
    }

    static <K extends Comparable<K>, V> SortedMap<K, V> sortedCopy(Map<K, V> map) {
        return Collections.unmodifiableSortedMap(map == null ? new TreeMap<>() : new TreeMap<>(map));
    }

    static <E extends Comparable<E>> SortedSet<E> sortedCopy(Set<E> set) {
        return Collections.unmodifiableSortedSet(set == null ? new TreeSet<>() : new TreeSet<>(set));
    }
}
