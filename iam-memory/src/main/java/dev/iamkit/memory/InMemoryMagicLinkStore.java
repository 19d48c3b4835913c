package dev.iamkit.memory;

import dev.iamkit.error.InvalidCredentialsException;
import dev.iamkit.model.IssuedMagicLink;
import dev.iamkit.model.MagicLinkChallenge;
import dev.iamkit.model.MagicLinkId;
import dev.iamkit.model.Validate;
import dev.iamkit.store.MagicLinkStore;
import dev.iamkit.support.MagicLinks;
import dev.iamkit.support.PersonalDataCipher;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Challenges with their token digests; the write lock makes each consumption atomic. */
final class InMemoryMagicLinkStore implements MagicLinkStore {
    private final MemoryState state;
    private final Transactor transactor;
    private final Clock clock;
    private final PersonalDataCipher cipher;

    InMemoryMagicLinkStore(MemoryState state, Transactor transactor, Clock clock, PersonalDataCipher cipher) {
        this.state = state;
        this.transactor = transactor;
        this.clock = clock;
        this.cipher = cipher;
    }

    @Override
    public IssuedMagicLink create(String email, String purpose, Duration ttl) {
        MagicLinks.Issue issue = MagicLinks.issue(email, purpose, ttl, clock);
        MagicLinkChallenge c = issue.challenge();
        transactor.write(tx -> tx.put(state.magicLinks, c.id(), MemoryState.StoredLink.of(c, issue.digest(), cipher)));
        return issue.issued();
    }

    /**
     * A failure is returned, not thrown, from the write so that a counted wrong token is kept. The
     * address is opened after the write, as PostgreSQL's consuming statement commits before it is
     * opened: a challenge whose address no longer opens is used up all the same in both stores.
     */
    @Override
    public MagicLinkChallenge consume(MagicLinkId id, String token) {
        Validate.notNull("id", id);
        Validate.notNull("token", token);
        byte[] digest = MagicLinks.digest(token);
        Instant now = Validate.instant("consumedAt", clock.instant());
        Object outcome = transactor.write(tx -> {
            MemoryState.StoredLink stored = state.magicLinks.get(id);
            if (stored == null) {
                return MagicLinks.unknown();
            }
            MagicLinkChallenge c = stored.challenge();
            Optional<InvalidCredentialsException> unusable = MagicLinks.unusable(c, now);
            if (unusable.isPresent()) {
                return unusable.get();
            }
            if (!MessageDigest.isEqual(stored.digest(), digest)) {
                MagicLinkChallenge failed = with(c, c.consumedAt(), c.failedAttempts() + 1);
                tx.put(state.magicLinks, id, stored.with(failed));
                return MagicLinks.wrongToken(failed.failedAttempts());
            }
            MagicLinkChallenge consumed = with(c, Optional.of(now), c.failedAttempts());
            MemoryState.StoredLink written = stored.with(consumed);
            tx.put(state.magicLinks, id, written);
            return written;
        });
        return MagicLinks.settle(outcome instanceof MemoryState.StoredLink l ? l.open(cipher) : outcome);
    }

    private static MagicLinkChallenge with(MagicLinkChallenge c, Optional<Instant> consumedAt, int failedAttempts) {
        return new MagicLinkChallenge(c.id(), c.email(), c.purpose(), c.createdAt(), c.expiresAt(), consumedAt, failedAttempts);
    }

    @Override
    public Optional<MagicLinkChallenge> find(MagicLinkId id) {
        Validate.notNull("id", id);
        return transactor.read(() -> Optional.ofNullable(state.magicLinks.get(id)).map(l -> l.open(cipher)));
    }
}
