package org.coalitionledger.audit.bundle;

/** One leaf of a bundle with the stored event it was computed from, in leaf order. */
public record BundleEntry(BundleLeaf leaf, BundleEvent event) {
}
