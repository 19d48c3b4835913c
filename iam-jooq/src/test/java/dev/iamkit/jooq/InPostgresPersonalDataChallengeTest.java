package dev.iamkit.jooq;

import dev.iamkit.testkit.PersonalDataChallengeContract;
import dev.iamkit.testkit.PersonalDataFixture;

/** The contract on PostgreSQL; rows are read as the schema's owner, past row level security, as a backup would. */
class InPostgresPersonalDataChallengeTest extends PersonalDataChallengeContract {
    private static final PostgresPersonalDataFixture FIXTURE = new PostgresPersonalDataFixture("pchallenge");

    @Override
    protected PersonalDataFixture fixture() {
        return FIXTURE;
    }
}
