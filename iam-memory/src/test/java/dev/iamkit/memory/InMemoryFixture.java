package dev.iamkit.memory;

import dev.iamkit.IamDatabase;
import dev.iamkit.testkit.IamFixture;
import java.time.Clock;

/** Each test gets a new, empty in-memory store. */
final class InMemoryFixture implements IamFixture {
    static final InMemoryFixture INSTANCE = new InMemoryFixture();

    @Override
    public IamDatabase open(Clock clock) {
        return InMemoryIam.create(clock);
    }
}
