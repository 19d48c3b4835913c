package dev.iamkit.memory;

import dev.iamkit.model.ApiKey;
import dev.iamkit.model.ApiKeyId;
import dev.iamkit.model.Assignment;
import dev.iamkit.model.AuditEvent;
import dev.iamkit.model.Entitlement;
import dev.iamkit.model.FeatureGrant;
import dev.iamkit.model.Ids;
import dev.iamkit.model.Membership;
import dev.iamkit.model.ModuleId;
import dev.iamkit.model.Permission;
import dev.iamkit.model.Principal;
import dev.iamkit.model.Role;
import dev.iamkit.model.RoleId;
import dev.iamkit.model.Team;
import dev.iamkit.model.TeamId;
import dev.iamkit.model.TeamPrincipal;
import dev.iamkit.model.TrailEntry;
import dev.iamkit.model.UserId;
import dev.iamkit.model.UserPrincipal;
import dev.iamkit.model.ViewGrant;
import dev.iamkit.model.ViewId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/** The data of one organization. Inner collections are sorted in the order the API lists them. */
final class TenantData {
    /** Users and teams mixed, by their id as an unsigned uuid, the way {@code listForRole} lists them. */
    static final Comparator<Principal> PRINCIPAL_ORDER = Comparator.comparing(TenantData::uuidOf, Ids::compare)
            .thenComparing(p -> p instanceof TeamPrincipal);

    final TreeMap<UserId, Membership> memberships = new TreeMap<>();
    final TreeMap<TeamId, Team> teams = new TreeMap<>();
    final Map<TeamId, TreeSet<UserId>> teamMembers = new HashMap<>();
    final TreeMap<RoleId, Role> roles = new TreeMap<>();
    final Map<RoleId, TreeMap<Permission, FeatureGrant>> grants = new HashMap<>();
    final Map<RoleId, TreeMap<ViewId, ViewGrant>> viewGrants = new HashMap<>();
    final Map<RoleId, TreeMap<Principal, Assignment>> assignments = new HashMap<>();
    /** The roles each role includes directly; never holds a cycle. */
    final Map<RoleId, TreeSet<RoleId>> inclusions = new HashMap<>();
    final TreeMap<ModuleId, Entitlement> entitlements = new TreeMap<>();
    /** Each member's trail, newest first, at most {@code Trail.CAPACITY} long; replaced whole on every visit. */
    final Map<UserId, List<TrailEntry>> trails = new HashMap<>();
    /** Usage counters: metric, then UTC day, to the sum. */
    final Map<String, TreeMap<java.time.LocalDate, Long>> usage = new HashMap<>();
    final TreeMap<ApiKeyId, ApiKey> apiKeys = new TreeMap<>();
    /** The SHA-256 digest of each key's plaintext. */
    final Map<ApiKeyId, byte[]> apiKeyDigests = new HashMap<>();
    /** Index {@code i} holds the event with {@code seq == i + 1}. */
    final List<AuditEvent> audit = new ArrayList<>();
    /** Index {@code i} holds the hash-chain link of {@code audit.get(i)} ({@link dev.iamkit.support.AuditChain}). */
    final List<byte[]> auditLinks = new ArrayList<>();
    /** Index {@code i} holds the id of the key that made {@code auditLinks.get(i)}, or null for an unkeyed link. */
    final List<String> auditKeyIds = new ArrayList<>();
    /** Idempotency keys of committed keyed work, to when they were recorded and the encoded result. */
    final Map<String, KeptResult> idempotency = new HashMap<>();
    /** The size of {@link #idempotency} past which forgotten keys are swept out; not part of any transaction. */
    int idempotencySweepAt = 64;
    /** The access revision: one more for every committed change; changed only through {@link Tx#bumpRevision}. */
    long revision;

    /** What keyed work left behind: when its key was recorded, and its result as encoded (null for none). */
    record KeptResult(java.time.Instant recordedAt, String text) {
    }

    static UUID uuidOf(Principal p) {
        return switch (p) {
            case UserPrincipal u -> u.userId().value();
            case TeamPrincipal t -> t.teamId().value();
        };
    }

    static TreeMap<Principal, Assignment> newAssignmentMap() {
        return new TreeMap<>(PRINCIPAL_ORDER);
    }
}
