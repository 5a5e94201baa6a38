package org.coalitionledger.query.views;

import org.springframework.data.jpa.repository.JpaRepository;

interface CoalitionFoldRepository extends JpaRepository<CoalitionFoldEntity, String> {
}
