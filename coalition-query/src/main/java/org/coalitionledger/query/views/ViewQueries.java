package org.coalitionledger.query.views;

import org.coalitionledger.api.view.FindYearOverYearQuery;
import org.coalitionledger.api.view.YearBasis;

/** Defaults the query handlers and the update emitter must agree on. */
final class ViewQueries {

    private ViewQueries() {
    }

    /** The coalition year when the query names no basis: the basis the coalition reports on. */
    static YearBasis basis(FindYearOverYearQuery query) {
        return query.basis() == null ? YearBasis.COALITION_YEAR : query.basis();
    }
}
