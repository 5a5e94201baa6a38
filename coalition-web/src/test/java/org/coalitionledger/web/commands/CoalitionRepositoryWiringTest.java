package org.coalitionledger.web.commands;

import org.axonframework.config.Configuration;
import org.axonframework.modelling.command.Repository;
import org.coalitionledger.command.config.IncrementalEventSourcingRepository;
import org.coalitionledger.support.LedgerApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Axon loads coalitions through the repository that keeps them between commands (not one it makes itself, which
 * would read a coalition's whole stream, every member report in it, for each report), and the member-report path
 * uses the same one.
 */
@LedgerApplicationTest
class CoalitionRepositoryWiringTest {

    @Autowired
    Configuration axon;

    @Autowired
    @Qualifier("coalitionRepository")
    Repository<?> coalitionRepository;

    @Test
    void axonLoadsCoalitions_throughTheIncrementalRepository() throws ClassNotFoundException {
        Class<?> coalition = Class.forName("org.coalitionledger.command.coalition.Coalition");

        Repository<?> axonsOwn = axon.repository(coalition);

        assertThat(axonsOwn).isInstanceOf(IncrementalEventSourcingRepository.class).isSameAs(coalitionRepository);
    }
}
