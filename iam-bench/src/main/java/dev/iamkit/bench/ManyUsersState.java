package dev.iamkit.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.iamkit.authz.Authz;
import dev.iamkit.jooq.PostgresIam;
import dev.iamkit.jooq.PostgresIamConfig;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.UserId;
import java.time.Clock;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The PostgreSQL store over the {@link ManyUsers} world the runner wrote, with its default cache
 * size, each user's entry warmed once: {@code users[i]} is asked about through {@code authz[i]},
 * the default-consistency authz of the user's organization.
 */
@State(Scope.Benchmark)
public class ManyUsersState extends ManyUsersWorld {
    HikariDataSource pool;
    PostgresIam db;

    @Setup(Level.Trial)
    public void open() {
        BenchTarget target = BenchTarget.fromSystemProperties();
        pool = target.pool("iamkit-bench-users", 4);
        db = PostgresIam.create(pool, PostgresIamConfig.defaults().withSchema(target.schema()), Clock.systemUTC());
        int n = ManyUsers.usersOf(target.schema());
        users = new UserId[n];
        authz = new Authz[n];
        Authz[] byOrg = new Authz[ManyUsers.ORGS + 1];
        for (int o = 1; o <= ManyUsers.ORGS; o++) {
            byOrg[o] = db.tenant(ManyUsers.org(o)).authz();
        }
        for (int u = 1; u <= n; u++) {
            users[u - 1] = ManyUsers.user(u);
            authz[u - 1] = byOrg[ManyUsers.orgOf(u, n)];
        }
        feature = ManyUsers.feature(ManyUsers.CHECKED_FEATURE);
        action = ManyUsers.CHECKED_ACTION;
        warm(db.accessCache()::metrics);
    }

    @TearDown(Level.Trial)
    public void close() {
        db.close();
        pool.close();
    }
}
