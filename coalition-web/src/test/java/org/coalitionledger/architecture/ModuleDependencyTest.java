package org.coalitionledger.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.coalitionledger.api.archviolation.ApiUsingSpring;
import org.coalitionledger.audit.archviolation.AuditUsingVerifier;
import org.coalitionledger.query.archviolation.QueryUsingCommand;
import org.coalitionledger.verifier.archviolation.VerifierUsingSpring;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** The module rules of DESIGN.md, checked on the compiled main classes of every module. */
class ModuleDependencyTest {

    static final ArchRule API_IS_FRAMEWORK_FREE = noClasses().that().resideInAPackage("org.coalitionledger.api..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..",
                    "org.hibernate..", "tools.jackson..", "com.fasterxml.jackson..")
            .because("coalition-api is the shared vocabulary: Axon messaging annotations only");

    static final ArchRule QUERY_IGNORES_COMMAND = noClasses().that().resideInAPackage("org.coalitionledger.query..")
            .should().dependOnClassesThat().resideInAPackage("org.coalitionledger.command..")
            .because("command and query sides never depend on each other");

    static final ArchRule COMMAND_IGNORES_QUERY = noClasses().that().resideInAPackage("org.coalitionledger.command..")
            .should().dependOnClassesThat().resideInAPackage("org.coalitionledger.query..")
            .because("command and query sides never depend on each other");

    static final ArchRule NOTHING_DEPENDS_ON_WEB = noClasses().that().resideInAnyPackage(
                    "org.coalitionledger.api..", "org.coalitionledger.command..", "org.coalitionledger.query..",
                    "org.coalitionledger.audit..", "org.coalitionledger.log..")
            .should().dependOnClassesThat().resideInAPackage("org.coalitionledger.web..")
            .because("nothing depends on the web module");

    static final ArchRule AUDIT_IS_PLAIN_JAVA = noClasses().that().resideInAPackage("org.coalitionledger.audit..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..",
                    "org.coalitionledger.command..", "org.coalitionledger.query..")
            .because("the offline verifier runs with no server and no database");

    static final ArchRule LOG_STANDS_BESIDE_COMMAND_AND_QUERY = noClasses().that()
            .resideInAPackage("org.coalitionledger.log..")
            .should().dependOnClassesThat().resideInAnyPackage("org.coalitionledger.command..",
                    "org.coalitionledger.query..", "org.springframework.web..", "org.springframework.http..")
            .because("the log's server half reads the event store and its own tables; HTTP stays in the web module");

    static final ArchRule VERIFIER_USES_AUDIT_ONLY = noClasses().that()
            .resideInAPackage("org.coalitionledger.verifier..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..",
                    "org.coalitionledger.command..", "org.coalitionledger.query..", "org.coalitionledger.log..",
                    "org.coalitionledger.web..")
            .because("auditors run the verifier with java -jar and nothing else; it reaches the log through "
                    + "coalition-audit");

    static final ArchRule NOTHING_DEPENDS_ON_VERIFIER = noClasses().that()
            .resideOutsideOfPackage("org.coalitionledger.verifier..")
            .should().dependOnClassesThat().resideInAPackage("org.coalitionledger.verifier..")
            .because("the verifier is the auditor's tool, not a library");

    static final ArchRule WEB_USES_GATEWAYS_ONLY = noClasses().that().resideInAPackage("org.coalitionledger.web..")
            .should().dependOnClassesThat().resideInAnyPackage("org.coalitionledger.command..",
                    "org.coalitionledger.query..")
            .because("the web reaches the command and query sides only through Axon's gateways");

    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.coalitionledger");

    @Test
    void mainClasses_followTheModuleRules() {
        assertThat(MAIN_CLASSES.stream().map(c -> c.getPackageName().split("\\.", 4).length > 2 ? c.getPackageName().split("\\.")[2] : "").distinct())
                .as("classes of every module were imported")
                .contains("api", "command", "query", "audit", "log", "verifier", "web");
        API_IS_FRAMEWORK_FREE.check(MAIN_CLASSES);
        QUERY_IGNORES_COMMAND.check(MAIN_CLASSES);
        COMMAND_IGNORES_QUERY.check(MAIN_CLASSES);
        NOTHING_DEPENDS_ON_WEB.check(MAIN_CLASSES);
        AUDIT_IS_PLAIN_JAVA.check(MAIN_CLASSES);
        LOG_STANDS_BESIDE_COMMAND_AND_QUERY.check(MAIN_CLASSES);
        WEB_USES_GATEWAYS_ONLY.check(MAIN_CLASSES);
        VERIFIER_USES_AUDIT_ONLY.check(MAIN_CLASSES);
        NOTHING_DEPENDS_ON_VERIFIER.check(MAIN_CLASSES);
    }

    /**
     * The rules catch what they are for: a query class importing command code, an api class importing Spring, a
     * verifier class importing Spring, an audit class importing the verifier.
     */
    @Test
    void rules_failOnViolations() {
        JavaClasses violations = new ClassFileImporter().importClasses(QueryUsingCommand.class, ApiUsingSpring.class);
        assertThat(QUERY_IGNORES_COMMAND.evaluate(violations).hasViolation()).isTrue();
        assertThat(API_IS_FRAMEWORK_FREE.evaluate(violations).hasViolation()).isTrue();

        JavaClasses verifierViolations = new ClassFileImporter().importClasses(VerifierUsingSpring.class,
                AuditUsingVerifier.class);
        assertThat(VERIFIER_USES_AUDIT_ONLY.evaluate(verifierViolations).hasViolation()).isTrue();
        assertThat(NOTHING_DEPENDS_ON_VERIFIER.evaluate(verifierViolations).hasViolation()).isTrue();
    }
}
