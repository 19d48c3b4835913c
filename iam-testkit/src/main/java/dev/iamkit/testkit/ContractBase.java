package dev.iamkit.testkit;

import dev.iamkit.IamDatabase;
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

    @BeforeEach
    void openStore() {
        clock = new MutableClock();
        db = fixture().open(clock);
        data = new TestData(db);
    }

    @AfterEach
    void closeStore() {
        if (db != null) {
            db.close();
        }
    }
}
