package dev.iamkit.jooq;

import dev.iamkit.testkit.IamFixture;
import dev.iamkit.testkit.MagicLinkContract;

class InPostgresMagicLinkTest extends MagicLinkContract {
    private static final PostgresFixture FIXTURE = new PostgresFixture("magic_link");

    @Override
    protected IamFixture fixture() {
        return FIXTURE;
    }
}
