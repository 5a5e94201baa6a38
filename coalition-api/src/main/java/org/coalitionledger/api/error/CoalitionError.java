package org.coalitionledger.api.error;

/**
 * The details a rejected command carries across the command bus (as {@code CommandExecutionException} details),
 * so a local bus and a distributed one report the same thing.
 */
public record CoalitionError(CoalitionErrorCode code, String message) {
}
