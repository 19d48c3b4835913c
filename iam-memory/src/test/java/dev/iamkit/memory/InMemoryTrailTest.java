package dev.iamkit.memory;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.TrailContract;

class InMemoryTrailTest extends TrailContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
