package org.coalitionledger;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Coalition Ledger application: command API, views, verifiable log. */
@SpringBootApplication
public class CoalitionApplication {

    public static void main(String[] args) {
        SpringApplication.run(CoalitionApplication.class, args);
    }
}
