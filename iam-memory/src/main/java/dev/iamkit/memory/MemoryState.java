package dev.iamkit.memory;

import dev.iamkit.error.NotFoundException;
import dev.iamkit.model.ApiKeyId;
import dev.iamkit.model.Feature;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.MenuItem;
import dev.iamkit.model.MenuItemId;
import dev.iamkit.model.Module;
import dev.iamkit.model.ModuleId;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Organization;
import dev.iamkit.model.Session;
import dev.iamkit.model.SessionId;
import dev.iamkit.model.User;
import dev.iamkit.model.UserId;
import dev.iamkit.model.View;
import dev.iamkit.model.ViewId;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything one in-memory store holds. Plain collections: the {@link Transactor} lock guards
 * them, and every change goes through a {@link Tx} so it can be undone. Maps keyed by typed ids
 * are sorted by {@code Id.compareTo}, the unsigned order PostgreSQL gives uuids.
 */
final class MemoryState {
    static final Comparator<Module> MODULE_ORDER = Comparator.comparingInt(Module::priority).thenComparing(Module::code);
    static final Comparator<Feature> FEATURE_ORDER = Comparator.comparing(Feature::code);
    static final Comparator<View> VIEW_ORDER = Comparator.comparingInt(View::ordering).thenComparing(View::code);

    /** A pair of catalog entries that are linked. */
    record Link<A, B>(A left, B right) {
    }

    /** A rate-limit key with one window length. */
    record Bucket(String key, long windowMillis) {
    }

    /** The current window of a bucket and how many hits it has had. */
    record Window(java.time.Instant start, long hits) {
    }

    /**
     * A magic-link challenge with the digest of its token, as {@code magic_link_challenge} holds it
     * (V27): with encryption on, the challenge's e-mail is the blind index and the address lies
     * sealed beside it under the master key {@code masterKeyId}; both null when stored plain.
     */
    record StoredLink(dev.iamkit.model.MagicLinkChallenge challenge, byte[] digest, String masterKeyId, byte[] sealedEmail) {
        /** {@code c} as stored: its address sealed when {@code cipher} is on. */
        static StoredLink of(dev.iamkit.model.MagicLinkChallenge c, byte[] digest, dev.iamkit.support.PersonalDataCipher cipher) {
            if (!cipher.enabled()) {
                return new StoredLink(c, digest, null, null);
            }
            var s = cipher.seal(c);
            return new StoredLink(s.stored(), digest, s.masterKeyId(), s.sealedEmail());
        }

        /** This link with {@code stored} (the stored challenge, consumed or counted) in place of its challenge, sealed as before. */
        StoredLink with(dev.iamkit.model.MagicLinkChallenge stored) {
            return new StoredLink(stored, digest, masterKeyId, sealedEmail);
        }

        /** The challenge as the API shows it, its address opened. */
        dev.iamkit.model.MagicLinkChallenge open(dev.iamkit.support.PersonalDataCipher cipher) {
            return cipher.open(challenge, masterKeyId, sealedEmail);
        }
    }

    final TreeMap<OrgId, Organization> organizations = new TreeMap<>();
    final TreeMap<UserId, User> users = new TreeMap<>();
    /** Sealed users' e-mail and name (AES-GCM), as {@code app_user.personal_data} holds them (V24). */
    final Map<UserId, byte[]> personalData = new HashMap<>();
    /** Sealed users' data keys, wrapped, as {@code user_data_key} holds them (V24); removed to shred. */
    final Map<UserId, dev.iamkit.support.PersonalDataCipher.WrappedKey> dataKeys = new HashMap<>();
    final TreeMap<ModuleId, Module> modules = new TreeMap<>();
    final TreeMap<FeatureId, Feature> features = new TreeMap<>();
    final TreeMap<ViewId, View> views = new TreeMap<>();
    final Set<Link<ModuleId, FeatureId>> moduleFeatures = new HashSet<>();
    final Set<Link<ModuleId, ViewId>> moduleViews = new HashSet<>();
    final Set<Link<FeatureId, ViewId>> featureViews = new HashSet<>();
    /** The global menu definition; never holds a cycle. */
    final TreeMap<MenuItemId, MenuItem> menuItems = new TreeMap<>();
    final Map<Bucket, Window> rateWindows = new HashMap<>();
    final Map<dev.iamkit.model.MagicLinkId, StoredLink> magicLinks = new HashMap<>();
    final TreeMap<SessionId, Session> sessions = new TreeMap<>();
    /** Refresh tokens by the hex of their digest: the session, and whether the token was retired by a refresh. */
    final Map<String, RefreshToken> refreshTokens = new HashMap<>();
    /** Users' password hashes, as the table password_credential holds them (V20). */
    final Map<UserId, dev.iamkit.support.PasswordCredentials.Stored> passwords = new HashMap<>();
    /** Each user's consent decisions by id (the order they were recorded in), as {@code consent} holds them; removed with the user. */
    final Map<UserId, TreeMap<dev.iamkit.model.ConsentId, dev.iamkit.model.Consent>> consents = new HashMap<>();
    /** The privacy request log, as {@code privacy_request} holds it; kept when users are purged. */
    final TreeMap<dev.iamkit.model.PrivacyRequestId, dev.iamkit.model.PrivacyRequest> privacyRequests = new TreeMap<>();

    /** API keys of every organization by their lookup id, as the global table api_key_lookup holds them. */
    final Map<String, ApiKeyRef> apiKeyLookup = new HashMap<>();

    record ApiKeyRef(OrgId org, ApiKeyId id) {
    }

    record RefreshToken(SessionId session, boolean rotated) {
    }

    /**
     * The global revision, as PostgreSQL's {@code global_counter} (V15): moved on by one by every
     * transaction that changes a collection of {@link #globalData}, once, when it first does.
     */
    long globalRevision;

    /** The collections of global data, by identity: organizations, users, the catalog and its links, the menu. */
    final Set<Object> globalData = Collections.newSetFromMap(new IdentityHashMap<>());

    {
        globalData.addAll(List.of(organizations, users, modules, features, views, moduleFeatures, moduleViews, featureViews, menuItems));
    }

    /** One entry per organization ever created, deleted ones included. */
    final Map<OrgId, TenantData> tenants = new HashMap<>();

    /** Stands in for the data of an organization that does not exist: reads there find nothing. Never written. */
    private final TenantData nothing = new TenantData();

    /** The data of an organization for reading; empty when it does not exist. */
    TenantData readable(OrgId org) {
        return tenants.getOrDefault(org, nothing);
    }

    /** The data of an organization for writing: it must exist, deleted or not. */
    TenantData writable(OrgId org) {
        TenantData d = tenants.get(org);
        if (d == null) {
            throw new NotFoundException("organization", org);
        }
        return d;
    }
}
