package dev.iamkit.jooq;

import dev.iamkit.testkit.PersonalDataContract;
import dev.iamkit.testkit.PersonalDataFixture;

/** The contract on PostgreSQL; rows are read and changed as the schema's owner, past row level security, as a backup or an intruder would. */
class InPostgresPersonalDataTest extends PersonalDataContract {
    private static final PostgresPersonalDataFixture FIXTURE = new PostgresPersonalDataFixture("personal");

    @Override
    protected PersonalDataFixture fixture() {
        return FIXTURE;
    }
}
