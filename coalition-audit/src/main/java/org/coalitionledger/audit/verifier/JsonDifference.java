package org.coalitionledger.audit.verifier;

import tools.jackson.databind.JsonNode;

import java.util.TreeSet;

/** The first place two JSON trees differ, as a path an auditor can look up; numbers compare by value. */
final class JsonDifference {

    private JsonDifference() {
    }

    /** A description of the first difference between {@code published} and {@code recomputed}, or null. */
    static String first(JsonNode published, JsonNode recomputed, String path) {
        if (published == null || published.isNull() || published.isMissingNode()) {
            return recomputed == null || recomputed.isNull() || recomputed.isMissingNode() ? null
                    : path + ": published has nothing, recomputed " + recomputed;
        }
        if (recomputed == null || recomputed.isNull() || recomputed.isMissingNode()) {
            return path + ": published " + published + ", recomputed has nothing";
        }
        if (published.isNumber() && recomputed.isNumber()) {
            return published.decimalValue().compareTo(recomputed.decimalValue()) == 0 ? null
                    : path + ": published " + published + ", recomputed " + recomputed;
        }
        if (published.isObject() && recomputed.isObject()) {
            TreeSet<String> names = new TreeSet<>(published.propertyNames());
            names.addAll(recomputed.propertyNames());
            for (String name : names) {
                String difference = first(published.get(name), recomputed.get(name), path + "." + name);
                if (difference != null) {
                    return difference;
                }
            }
            return null;
        }
        if (published.isArray() && recomputed.isArray()) {
            int common = Math.min(published.size(), recomputed.size());
            for (int i = 0; i < common; i++) {
                String difference = first(published.get(i), recomputed.get(i), path + "[" + i + "]");
                if (difference != null) {
                    return difference;
                }
            }
            return published.size() == recomputed.size() ? null
                    : path + ": published has " + published.size() + " elements, recomputed " + recomputed.size();
        }
        return published.equals(recomputed) ? null : path + ": published " + published + ", recomputed " + recomputed;
    }
}
