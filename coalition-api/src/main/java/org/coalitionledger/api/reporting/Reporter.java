package org.coalitionledger.api.reporting;

import org.coalitionledger.api.error.CoalitionErrorCode;

import static org.coalitionledger.api.validation.Checks.*;

/** A member (by memberId) or an NGO or agency (by name). */
public record Reporter(ReporterType type, String memberId, String name) {
    public Reporter {
        required(type, "reporter.type");
        if (type == ReporterType.MEMBER) {
            id(memberId, "reporter.memberId");
            name = optionalText(name, "reporter.name", MAX_NAME);
        } else {
            if (memberId != null) {
                throw invalid(CoalitionErrorCode.INVALID_REPORTER,
                        "a " + type + " reporter is named, not given a memberId");
            }
            name = text(name, "reporter.name", MAX_NAME);
        }
    }
}
