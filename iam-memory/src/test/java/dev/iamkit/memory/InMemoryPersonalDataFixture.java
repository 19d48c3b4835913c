package dev.iamkit.memory;

import dev.iamkit.IamDatabase;
import dev.iamkit.authz.AuthzCache;
import dev.iamkit.model.MagicLinkId;
import dev.iamkit.model.PasswordPolicy;
import dev.iamkit.model.User;
import dev.iamkit.model.UserId;
import dev.iamkit.support.AuditKeys;
import dev.iamkit.support.PersonalDataCipher;
import dev.iamkit.support.PersonalDataCipher.WrappedKey;
import dev.iamkit.testkit.PersonalDataFixture;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** What the personal data contracts need of the in-memory store: stores opened with master keys, and its state as it holds users and challenges. */
final class InMemoryPersonalDataFixture implements PersonalDataFixture {

    @Override
    public IamDatabase open(Clock clock, PersonalDataCipher cipher) {
        return InMemoryIam.create(clock, AuthzCache.DEFAULT_SIZE, AuditKeys.none(), PasswordPolicy.defaults(), cipher);
    }

    @Override
    public IamDatabase reopen(IamDatabase db, Clock clock, PersonalDataCipher cipher) {
        return InMemoryIam.reopen((InMemoryIam) db, cipher);
    }

    @Override
    public StoredUser stored(IamDatabase db, UserId id) {
        MemoryState state = ((InMemoryIam) db).state();
        User u = state.users.get(id);
        return new StoredUser(u.email(), u.displayName(), Optional.ofNullable(state.personalData.get(id)).map(byte[]::clone),
                Optional.ofNullable(state.dataKeys.get(id)));
    }

    @Override
    public StoredChallenge storedChallenge(IamDatabase db, MagicLinkId id) {
        MemoryState.StoredLink l = ((InMemoryIam) db).state().magicLinks.get(id);
        return new StoredChallenge(l.challenge().email(), Optional.ofNullable(l.sealedEmail()).map(byte[]::clone), Optional.ofNullable(l.masterKeyId()));
    }

    @Override
    public List<WrappedKey> dataKeys(IamDatabase db) {
        return List.copyOf(((InMemoryIam) db).state().dataKeys.values());
    }

    @Override
    public void tamper(IamDatabase db, UserId id) {
        MemoryState state = ((InMemoryIam) db).state();
        byte[] changed = state.personalData.get(id).clone();
        changed[changed.length - 1] ^= 1;
        state.personalData.put(id, changed);
    }
}
