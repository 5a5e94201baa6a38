package org.coalitionledger.api.coalition;

import static org.coalitionledger.api.validation.Checks.*;

/** A company that founded the coalition. Country is ISO 3166-1 alpha-2 (headquarters). */
public record FoundingMember(String memberId, String name, String country, String region, String sector) {
    public FoundingMember {
        id(memberId, "memberId");
        name = text(name, "name", MAX_NAME);
        isoCountry(country, "country");
        region = text(region, "region", MAX_NAME);
        sector = text(sector, "sector", MAX_NAME);
    }
}
