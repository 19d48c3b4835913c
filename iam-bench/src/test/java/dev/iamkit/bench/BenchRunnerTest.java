package dev.iamkit.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.error.ValidationException;
import dev.iamkit.testkit.PostgresTestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The runner end to end on tiny settings: every row is measured, judged against its target and written out. */
class BenchRunnerTest {

    private static String ownerUrl() {
        PostgresTestDatabase pg = PostgresTestDatabase.get();
        return pg.jdbcUrl() + (pg.jdbcUrl().contains("?") ? "&" : "?") + "user=" + URLEncoder.encode(pg.user(), StandardCharsets.UTF_8)
                + (pg.password().isEmpty() ? "" : "&password=" + URLEncoder.encode(pg.password(), StandardCharsets.UTF_8));
    }

    @Test
    void withPostgresEveryRowIsMeasuredAndJudged() {
        StringWriter progress = new StringWriter();
        BenchReport report = new BenchRunner(BenchSettings.smoke(Optional.of(ownerUrl())), new PrintWriter(progress)).run();

        assertThat(report.rows()).extracting(BenchRow::name).contains(
                "in-memory check, p50", "cached check, p50", "SELECT 1 through the same pool, p50", "uncached check, p50",
                "uncached check / SELECT 1", "uncached checks/s, 1 thread(s)", "uncached checks/s, 2 thread(s)", "uncached checks/s, best",
                "full() check, the entry current, p50", "full() check / SELECT 1", "full() checks/s, 2 thread(s)", "full() checks/s, best",
                "full() check / SELECT 1, 100 orgs x 20 users",
                "find role by id, p50", "create role, p50", "replace 10 grants by 10 others, p50", "replace 1000 grants by the same 1000 (nothing changes), p50", "replace 1000 grants by 1000 others, p50",
                "uncached check, 100 grants, 100 orgs, p50", "uncached check, 1000 grants, 100 orgs, p50", "uncached check, 1000 / 100 grants",
                "cache miss: compile one user's access, 100 orgs x 20 users, p50", "cache miss / SELECT 1",
                "floor of a cache miss: a row of each table a compile reads / SELECT 1", "cache miss / its floor",
                "uncached check / SELECT 1, 100 orgs x 20 users", "floor: key lookup under RLS / SELECT 1",
                "mixed (4 threads, 1000 users, 2% writes): operations/s", "mixed (4 threads, 1000 users, 2% writes): check p99",
                "mixed floor, each write the baseline write: operations/s", "mixed floor, each write the floor of an audited write: operations/s",
                "mixed floor, each write the floor of an audited write: cache hit rate",
                "mixed: operations/s / those of the floor, each write the floor of an audited write",
                "cached check, 200 users at random, p50", "cached check, 200 users: the random pick alone, p50",
                "in-memory check, 10,000 users at random, p50", "in-memory check, 10,000 users: the random pick alone, p50",
                "writes: baseline write (BEGIN; INSERT one row; COMMIT), p50", "writes: assign (re-assign) in inTenant / baseline write",
                "writes: create role / baseline write", "writes: grant one action (its effect flipped) / baseline write",
                "writes: assign, 10000 / ~100 audit events", "writes: assign / the floor of an audited write",
                "writes: replace 1000 grants by 1000 others / its floor",
                "writes: baseline writes with a NOTIFY (before V19)/s, 4 thread(s)",
                "writes: assign+unassign tx/s, an organization per thread, 4 thread(s)",
                "password verify, Argon2id m=19456 KiB t=2 p=1, in memory, p50", "password verify through PostgreSQL, p50");
        assertThat(report.rows()).allSatisfy(r -> assertThat(r.value()).isPositive().isFinite());
        assertThat(report.rows()).filteredOn(r -> !r.target().isEmpty()).allSatisfy(r -> assertThat(r.met()).isPresent());
        assertThat(report.database()).startsWith("PostgreSQL ");
        assertThat(report.toJson()).startsWith("{\"at\":").contains("\"rows\":[{\"name\":\"in-memory check, p50\"");
        assertThat(progress.toString()).contains("bench: growth data: 1000 grants");
        PostgresTestDatabase pg = PostgresTestDatabase.get();
        try (var c = pg.connect(); var rs = c.createStatement().executeQuery(
                "select count(*) from pg_namespace where nspname in ('iamkit_bench', 'iamkit_bench_growth', 'iamkit_bench_tenants', 'iamkit_bench_users_200', 'iamkit_bench_writes', 'iamkit_bench_passwords')")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the benchmark schemas are dropped afterwards").isZero();
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void withoutADatabaseOnlyTheInMemoryStoreIsMeasuredAndTheReportSaysWhy() {
        BenchReport report = new BenchRunner(BenchSettings.smoke(Optional.empty()), new PrintWriter(new StringWriter())).run();
        assertThat(report.rows()).extracting(BenchRow::name).containsExactly("in-memory check, p50", "in-memory check, 10,000 users at random, p50",
                "in-memory check, 10,000 users: the random pick alone, p50", "password verify, Argon2id m=19456 KiB t=2 p=1, in memory, p50");
        assertThat(report.notes()).anySatisfy(n -> assertThat(n).contains("DATABASE_URL"));
        assertThat(report.database()).isEqualTo("none");
    }

    @Test
    void thePasswordsSectionVerifiesInMemoryAndThroughPostgresBesideSelectOne() {
        BenchReport report = new BenchRunner(BenchSettings.smoke(Optional.of(ownerUrl())), new PrintWriter(new StringWriter())).only(List.of("passwords")).run();
        assertThat(report.rows()).extracting(BenchRow::name).containsExactly("password verify, Argon2id m=19456 KiB t=2 p=1, in memory, p50",
                "password verify through PostgreSQL, p50", "SELECT 1 through the same pool (passwords), p50",
                "password lookup (the row verify reads), p50", "password lookup / SELECT 1");
        assertThat(report.rows()).allSatisfy(r -> assertThat(r.value()).isPositive().isFinite());
        assertThat(report.rows().get(0).value()).as("ms: Argon2id at the defaults takes milliseconds").isBetween(1.0, 1000.0);
    }

    @Test
    void thePersonalDataSectionMeasuresCreateAndFindWithEncryptionOffAndOn() {
        BenchReport report = new BenchRunner(BenchSettings.smoke(Optional.of(ownerUrl())), new PrintWriter(new StringWriter())).only(List.of("personal")).run();
        assertThat(report.rows()).extracting(BenchRow::name).contains("user create, in memory, encryption off, p50",
                "user create, in memory, encryption on, p50", "find user by e-mail through PostgreSQL, encryption on, p50",
                "user create through PostgreSQL, encryption off, p50");
        assertThat(report.rows()).hasSize(10).allSatisfy(r -> assertThat(r.value()).isPositive().isFinite());
    }

    @Test
    void onlyTheNamedSectionsRunAndAnUnknownSectionIsRefused() {
        BenchReport report = new BenchRunner(BenchSettings.smoke(Optional.empty()), new PrintWriter(new StringWriter())).only(List.of("checks")).run();
        assertThat(report.rows()).extracting(BenchRow::name).containsExactly("in-memory check, p50");
        assertThatThrownBy(() -> new BenchRunner(BenchSettings.smoke(Optional.empty()), new PrintWriter(new StringWriter())).only(List.of("checks", "nope")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("'nope'");
    }

    @Test
    void aServerThatDoesNotVacuumItselfIsNamedInTheNotes() {
        assertThat(BenchRunner.vacuumNote("off", 748_395)).hasValueSatisfying(n -> assertThat(n).contains("autovacuum is off").contains("748395"));
        assertThat(BenchRunner.vacuumNote("on", 748_395)).isEmpty();
    }
}
