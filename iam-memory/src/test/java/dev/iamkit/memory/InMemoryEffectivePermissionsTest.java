package dev.iamkit.memory;

import dev.iamkit.testkit.EffectivePermissionsContract;
import dev.iamkit.testkit.IamFixture;

class InMemoryEffectivePermissionsTest extends EffectivePermissionsContract {
    @Override
    protected IamFixture fixture() {
        return InMemoryFixture.INSTANCE;
    }
}
