package dev.iamkit.bench;

import dev.iamkit.error.StorageException;
import dev.iamkit.authz.Authz;
import dev.iamkit.memory.InMemoryIam;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** The in-memory store with the same world as {@link PostgresState}. */
@State(Scope.Benchmark)
public class MemoryState {
    InMemoryIam db;
    World world;
    Authz authz;

    @Setup(Level.Trial)
    public void open() {
        db = InMemoryIam.create();
        world = World.create(db);
        authz = db.tenant(world.org()).authz();
        if (!authz.check(world.user(), world.feature(), world.action())) {
            throw new StorageException(StorageException.Kind.REJECTED, "the benchmark world does not grant what it should");
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        db.close();
    }
}
