package dev.iamkit.support;

import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.StorageException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.PrivacyRequest;
import dev.iamkit.model.PrivacyRequestId;
import dev.iamkit.model.PrivacyRequestKind;
import dev.iamkit.model.PrivacyRequestStatus;
import dev.iamkit.model.UserId;
import dev.iamkit.model.Uuid7;
import dev.iamkit.model.Validate;
import dev.iamkit.store.PrivacyRequestLog;
import dev.iamkit.store.PrivacyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The privacy store both stores hand out: each call of the store it wraps adds its entry to the
 * privacy request log, completed or failed, in a transaction of its own after the call (so a failed
 * call, rolled back, is logged too). Bad input is refused before the call and logs nothing. If the
 * entry cannot be written the call fails with that error, though the operation itself took effect
 * (a repeated anonymize changes nothing and logs again).
 */
public final class RecordingPrivacyStore implements PrivacyStore {
    private final PrivacyStore store;
    private final Clock clock;
    private final Consumer<PrivacyRequest> append;

    /** {@code append} writes one closed entry in its own transaction. */
    public RecordingPrivacyStore(PrivacyStore store, Clock clock, Consumer<PrivacyRequest> append) {
        this.store = store;
        this.clock = clock;
        this.append = append;
    }

    @Override
    public String exportUser(UserId user) {
        Validate.notNull("user", user);
        return recorded(PrivacyRequestKind.EXPORT, Optional.of(user), () -> store.exportUser(user), r -> Optional.empty());
    }

    @Override
    public void anonymize(UserId user) {
        Validate.notNull("user", user);
        recorded(PrivacyRequestKind.ANONYMIZE, Optional.of(user), () -> {
            store.anonymize(user);
            return null;
        }, r -> Optional.empty());
    }

    @Override
    public long purge(Duration olderThan) {
        PrivacyStore.requirePositive(olderThan);
        return recorded(PrivacyRequestKind.PURGE, Optional.empty(), () -> store.purge(olderThan), Optional::of);
    }

    @Override
    public PrivacyRequestLog requests() {
        return store.requests();
    }

    private <R> R recorded(PrivacyRequestKind kind, Optional<UserId> user, Supplier<R> call,
                           java.util.function.Function<R, Optional<Long>> purged) {
        Instant received = clock.instant();
        PrivacyRequest open = new PrivacyRequest(new PrivacyRequestId(Uuid7.next(clock)), kind, user, PrivacyRequest.CALL,
                PrivacyRequestStatus.RECEIVED, received, Optional.empty(), Optional.empty(), Optional.empty());
        R result;
        try {
            result = call.get();
        } catch (ValidationException e) {
            throw e;   // input the store refused: nothing was asked of it
        } catch (RuntimeException e) {
            try {
                append.accept(open.failed(clock.instant(), reason(e)));
            } catch (RuntimeException logFailed) {
                e.addSuppressed(logFailed);
            }
            throw e;
        }
        append.accept(open.completed(clock.instant(), purged.apply(result)));
        return result;
    }

    private static String reason(RuntimeException e) {
        if (e instanceof NotFoundException) {
            return "not_found";
        }
        return e instanceof StorageException ? "storage_error" : "error";
    }
}
