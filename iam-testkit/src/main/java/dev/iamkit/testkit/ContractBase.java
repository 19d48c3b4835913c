package dev.iamkit.testkit;

import dev.iamkit.IamDatabase;
import dev.iamkit.support.AuditKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of every contract class: a fresh, empty store per test, driven by a {@link MutableClock}
 * that starts at 2030-01-01T00:00:00Z, and a {@link TestData} builder over it.
 */
public abstract class ContractBase {
    protected MutableClock clock;
    protected IamDatabase db;
    protected TestData data;

    /** The store under test. */
    protected abstract IamFixture fixture();

    /** The audit keys the store is opened with: none, unless a contract about them says otherwise. */
    protected AuditKeys auditKeys() {
        return AuditKeys.none();
    }

    @BeforeEach
    void openStore() {
        clock = new MutableClock();
        db = auditKeys().isEmpty() ? fixture().open(clock) : fixture().open(clock, auditKeys());
        data = new TestData(db);
    }

    @AfterEach
    void closeStore() {
        if (db != null) {
            db.close();
        }
    }
}
