package dev.iamkit;

import dev.iamkit.authz.AccessCache;
import dev.iamkit.model.Actor;
import dev.iamkit.model.GlobalRevision;
import dev.iamkit.model.Health;
import dev.iamkit.model.OrgId;
import dev.iamkit.retry.IdempotencyKey;
import dev.iamkit.retry.ResultCodec;
import dev.iamkit.retry.RetryPolicy;
import dev.iamkit.retry.Retrying;
import dev.iamkit.store.ApiKeyAuthenticator;
import dev.iamkit.store.CatalogStore;
import dev.iamkit.store.CredentialStore;
import dev.iamkit.store.ConsentStore;
import dev.iamkit.store.PersonalDataKeys;
import dev.iamkit.store.Housekeeping;
import dev.iamkit.store.MagicLinkStore;
import dev.iamkit.store.NavigationStore;
import dev.iamkit.store.OrganizationStore;
import dev.iamkit.store.PrivacyStore;
import dev.iamkit.store.RateLimiter;
import dev.iamkit.store.SessionStore;
import dev.iamkit.store.UserStore;
import java.time.Clock;
import java.util.Optional;

/**
 * The entry point: one store of identity and access data. Global groups hang off it directly;
 * tenant groups off {@link #tenant(OrgId)} or inside {@link #inTenant}. Thread-safe. Obtain one
 * from {@link IamDatabases}, or from a store's own factory.
 *
 * <p>Every string any method of the API takes (parameters, strings inside record parameters,
 * settings keys and values) is refused with a {@link dev.iamkit.error.ValidationException} naming
 * the field when it holds a NUL character or an unpaired surrogate, in every store alike; a
 * presented secret (API key, refresh token, magic-link token) holding one is an
 * {@link dev.iamkit.error.InvalidCredentialsException} instead.
 */
public interface IamDatabase extends AutoCloseable {

    /** The provider name of this store: {@code "memory"} or {@code "postgres"}. */
    String kind();

    /** The clock that stamps every timestamp and decides every expiry. */
    Clock clock();

    OrganizationStore organizations();

    UserStore users();

    CatalogStore catalog();

    /** The global menu definition; what a user sees of it is {@link TenantScope#menu()}. */
    NavigationStore navigation();

    /** One-time magic-link challenges, kept as token digests. */
    MagicLinkStore magicLinks();

    /** Fixed-window rate limits by key, counted atomically across threads and (on PostgreSQL) processes. */
    RateLimiter rateLimits();

    /** Sign-in sessions and their rotating refresh tokens. */
    SessionStore sessions();

    /** Authenticates presented API keys across organizations; keys are made in {@link TenantScope#apiKeys()}. */
    ApiKeyAuthenticator apiKeys();

    /** Data-subject operations (GDPR): export everything held about a user. */
    PrivacyStore privacy();

    /** Users' passwords, kept as Argon2id hashes, with a lockout on the rate limiter. */
    CredentialStore credentials();
    /** Users' consent decisions (global, per user), append-only, with the current state per purpose. */
    ConsentStore consents();
    /** Key rotation and the encryption of existing users, when personal data is encrypted at rest. */
    PersonalDataKeys personalData();

    /**
     * The groups of one organization, each call its own transaction, audited as
     * {@link Actor#system()}. Reads in an organization that does not exist find nothing; writes
     * throw {@link dev.iamkit.error.NotFoundException}.
     */
    default TenantScope tenant(OrgId org) {
        return tenant(org, Actor.system());
    }

    /** Like {@link #tenant(OrgId)}, audited as {@code actor}. */
    TenantScope tenant(OrgId org, Actor actor);

    /**
     * Runs {@code work} in one transaction bound to {@code org}: a normal return commits every
     * change and its audit events; any exception rolls all of them back and is rethrown. Use only
     * the scope passed to {@code work} inside it; it is invalid after {@code work} returns. A call
     * that throws inside {@code work} is undone by itself (as with a savepoint), so work that
     * catches the exception may go on and commit the rest.
     *
     * @throws dev.iamkit.error.StorageException when the store fails, or cannot commit
     */
    <R> R inTenant(OrgId org, Actor actor, TenantWork<R> work);

    /**
     * Like {@link #inTenant(OrgId, Actor, TenantWork)}, made at most once per {@code key} in
     * {@code org}: the key is recorded in the work's own transaction, with
     * {@code codec.encode(result)}. A later call with a key that {@code org} recorded less than
     * {@link IdempotencyKey#RETENTION} ago runs nothing, writes nothing, and returns
     * {@code codec.decode(recorded text)}; so does a call made while another with the same key is
     * running, once that one has committed (if it rolls back, the waiting call runs its work).
     * Work that throws records no key. Repeating a call whose commit failed with
     * {@link dev.iamkit.error.StorageException.Kind#OUTCOME_UNKNOWN} is therefore safe:
     * {@link #retrying(RetryPolicy)} does it.
     *
     * @throws dev.iamkit.error.NotFoundException when {@code org} does not exist; nothing runs
     * @throws dev.iamkit.error.ValidationException on {@code result} when the encoded text is not
     *         storable (longer than a million characters, a NUL character or a lone surrogate);
     *         nothing is written
     * @throws dev.iamkit.error.StorageException when the store fails, or cannot commit
     */
    <R> R inTenant(OrgId org, Actor actor, IdempotencyKey key, ResultCodec<R> codec, TenantWork<R> work);

    /**
     * Calls on this store that are repeated while they fail without being applied, as
     * {@code policy} says, and {@link #inTenant(OrgId, Actor, IdempotencyKey, ResultCodec,
     * TenantWork) keyed work} that is also repeated when its outcome is unknown.
     */
    default Retrying retrying(RetryPolicy policy) {
        return new Retrying(this, policy);
    }

    /**
     * The store's current global revision: the latest committed one (0 while its global data has
     * never changed). Organizations, users, the catalog and the menu definition are global data;
     * sessions, API-key lookups, magic links, rate limits and what tenants hold are not. One read.
     */
    GlobalRevision globalRevision();

    /**
     * The global revision the latest change to global data made through this store object
     * committed at (the highest, when such calls run concurrently), for
     * {@link dev.iamkit.authz.Consistency#atLeast(GlobalRevision)} here or in another process over
     * the same store; empty while this store object has changed no global data. A call that
     * changed nothing (a link already there, a restore of what is not deleted) does not count.
     * Reads nothing from the store.
     */
    Optional<GlobalRevision> lastGlobalWriteRevision();

    /** The in-process cache of compiled permissions that {@code authz()} answers from: its metrics, and a way to drop it. */
    AccessCache accessCache();

    /** Deletes expired sessions, magic-link challenges and rate-limit windows. */
    Housekeeping housekeeping();

    /** Every row the store holds, streamed out and taken in all or nothing: what portable snapshots ({@code iam-portable}) are made of. */
    dev.iamkit.snapshot.SnapshotStore snapshots();

    /**
     * Whether the store answers, how fast (one trivial round trip), on which schema version, and
     * the pool's figures. Never throws for an unreachable store: that is what it reports.
     */
    Health health();

    /** Releases what the store holds (a pool it created). Idempotent. */
    @Override
    void close();
}
