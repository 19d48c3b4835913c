package dev.iamkit.snapshot;

import static dev.iamkit.snapshot.SnapshotKind.*;

import dev.iamkit.error.ValidationException;
import dev.iamkit.model.*;
import java.util.Map;
import java.util.Optional;

/**
 * The library's records as snapshot rows and back. Reading a row into a record runs the record's
 * own validation, so a row a store imports passes the same rules as the API's input; both stores
 * check every row they import with {@link #check}.
 */
public final class SnapshotRecords {
    private SnapshotRecords() {
    }

    /**
     * Checks a row against the rules of the record it stands for (lengths, forms, enum values).
     *
     * @throws ValidationException naming the field
     */
    public static void check(SnapshotRow r) {
        switch (r.kind()) {
            case ORGANIZATION -> organization(r);
            case APP_USER -> user(r);
            case MODULE -> module(r);
            case FEATURE -> {
                Validate.code("code", r.text("code"));
                Validate.name("name", r.text("name"));
                Validate.description("description", r.text("description"));
            }
            case FEATURE_ACTION -> Validate.action("action", r.text("action"));
            case CATALOG_VIEW -> view(r);
            case MENU_ITEM -> menuItem(r);
            case PASSWORD_CREDENTIAL -> {
                if (!r.text("hash").matches("^\\$(argon2id|2[aby])\\$.*") || r.text("hash").length() > 512) {
                    throw new ValidationException("hash", "must be an argon2id or bcrypt hash as stored");
                }
            }
            case CONSENT -> consent(r);
            case PRIVACY_REQUEST -> privacyRequest(r);
            case USER_SESSION -> session(r);
            case SESSION_TOKEN, MAGIC_LINK_CHALLENGE -> digest(r, r.kind() == SESSION_TOKEN ? "digest" : "token_digest");
            case RATE_LIMIT_WINDOW -> {
                Validate.text("bucket_key", r.text("bucket_key"), 1, 200);
                positive(r, "window_ms");
                positive(r, "hits");
            }
            case ORG_COUNTER -> {
                notNegative(r, "revision");
                notNegative(r, "audit_seq");
            }
            case ENTITLEMENT -> entitlement(r);
            case MEMBERSHIP -> membership(r);
            case TEAM -> team(r);
            case ROLE -> role(r);
            case ROLE_INCLUSION -> {
                if (r.uuid("role_id").equals(r.uuid("included_role_id"))) {
                    throw new ValidationException("included_role_id", "must not be the role itself");
                }
            }
            case FEATURE_GRANT -> featureGrant(r);
            case VIEW_GRANT -> viewGrant(r);
            case USER_ASSIGNMENT, TEAM_ASSIGNMENT -> assignment(r);
            case TRAIL_ENTRY -> positive(r, "seq");
            case API_KEY -> {
                apiKey(r);
                digest(r, "digest");
            }
            case USAGE_COUNTER -> {
                Validate.text("metric", r.text("metric"), 2, 64);
                notNegative(r, "value");
            }
            case IDEMPOTENCY_KEY -> Validate.text("key_value", r.text("key_value"), 1, 200);
            case AUDIT_EVENT -> {
                auditEvent(r);
                if (r.get("link") != null && r.text("link").length() != 64) {
                    throw new ValidationException("link", "must be 32 bytes");
                }
            }
            case MODULE_FEATURE, MODULE_VIEW, FEATURE_VIEW, TEAM_MEMBER -> { }
        }
    }

    public static SnapshotRow row(Organization o) {
        return SnapshotRow.of(ORGANIZATION, o.id().value(), o.parentId().map(OrgId::value), o.slug(), o.name(), o.status().name(), o.settings(),
                o.version(), o.createdAt(), o.updatedAt(), o.deletedAt());
    }

    public static Organization organization(SnapshotRow r) {
        return new Organization(OrgId.of(r.uuid("id")), r.optionalUuid("parent_id").map(OrgId::of), r.text("slug"), r.text("name"),
                enumOf(OrgStatus.class, r, "status"), settings(r), r.number("version"), r.instant("created_at"), r.instant("updated_at"),
                r.optionalInstant("deleted_at"));
    }

    public static SnapshotRow row(User u) {
        return SnapshotRow.of(APP_USER, u.id().value(), u.email(), u.displayName(), u.status().name(), u.emailVerifiedAt(), u.version(),
                u.createdAt(), u.updatedAt(), u.deletedAt());
    }

    public static User user(SnapshotRow r) {
        return new User(UserId.of(r.uuid("id")), r.text("email"), r.text("display_name"), enumOf(UserStatus.class, r, "status"),
                r.optionalInstant("email_verified_at"), r.number("version"), r.instant("created_at"), r.instant("updated_at"),
                r.optionalInstant("deleted_at"));
    }

    public static SnapshotRow row(dev.iamkit.model.Module m) {
        return SnapshotRow.of(MODULE, m.id().value(), m.code(), m.name(), m.description(), m.enabled(), (long) m.priority());
    }

    public static dev.iamkit.model.Module module(SnapshotRow r) {
        return new dev.iamkit.model.Module(ModuleId.of(r.uuid("id")), r.text("code"), r.text("name"), r.text("description"), r.flag("enabled"),
                integer(r, "priority"));
    }

    public static SnapshotRow row(View v) {
        return SnapshotRow.of(CATALOG_VIEW, v.id().value(), v.code(), v.name(), v.path(), v.requiresAuth(), v.icon(), (long) v.ordering());
    }

    public static View view(SnapshotRow r) {
        return new View(ViewId.of(r.uuid("id")), r.text("code"), r.text("name"), r.text("path"), r.flag("requires_auth"), r.optionalText("icon"),
                integer(r, "ordering"));
    }

    public static SnapshotRow row(MenuItem m) {
        return SnapshotRow.of(MENU_ITEM, m.id().value(), m.parentId().map(MenuItemId::value), m.viewId().map(ViewId::value), m.label(),
                (long) m.position(), m.version());
    }

    public static MenuItem menuItem(SnapshotRow r) {
        return new MenuItem(MenuItemId.of(r.uuid("id")), r.optionalUuid("parent_id").map(MenuItemId::of), r.optionalUuid("view_id").map(ViewId::of),
                r.text("label"), integer(r, "position"), r.number("version"));
    }

    public static SnapshotRow row(Consent c) {
        return SnapshotRow.of(CONSENT, c.id().value(), c.userId().value(), c.purpose(), c.version(), c.decision().name(), c.at(), c.source());
    }

    public static Consent consent(SnapshotRow r) {
        return new Consent(ConsentId.of(r.uuid("id")), UserId.of(r.uuid("user_id")), r.text("purpose"), r.text("version"),
                enumOf(ConsentDecision.class, r, "decision"), r.instant("decided_at"), r.text("source"));
    }

    public static SnapshotRow row(PrivacyRequest p) {
        return SnapshotRow.of(PRIVACY_REQUEST, p.id().value(), p.kind().name(), p.userId().map(UserId::value), p.channel(), p.status().name(),
                p.receivedAt(), p.closedAt(), p.reason(), p.purged());
    }

    public static PrivacyRequest privacyRequest(SnapshotRow r) {
        return new PrivacyRequest(PrivacyRequestId.of(r.uuid("id")), enumOf(PrivacyRequestKind.class, r, "kind"), r.optionalUuid("user_id").map(UserId::of),
                r.text("channel"), enumOf(PrivacyRequestStatus.class, r, "status"), r.instant("received_at"), r.optionalInstant("closed_at"),
                r.optionalText("reason"), Optional.ofNullable((Long) r.get("purged")));
    }

    public static SnapshotRow row(Session s) {
        return SnapshotRow.of(USER_SESSION, s.id().value(), s.userId().value(), s.orgId().map(OrgId::value), s.deviceName(), s.ip(), s.userAgent(),
                s.createdAt(), s.lastSeenAt(), s.expiresAt(), s.revokedAt());
    }

    public static Session session(SnapshotRow r) {
        return new Session(SessionId.of(r.uuid("id")), UserId.of(r.uuid("user_id")), r.optionalUuid("current_org_id").map(OrgId::of),
                r.optionalText("device_name"), r.optionalText("ip"), r.optionalText("user_agent"), r.instant("created_at"), r.instant("last_seen_at"),
                r.instant("expires_at"), r.optionalInstant("revoked_at"));
    }

    public static SnapshotRow row(MagicLinkChallenge c, String digestHex) {
        return SnapshotRow.of(MAGIC_LINK_CHALLENGE, c.id().value(), c.email(), c.purpose(), digestHex, c.createdAt(), c.expiresAt(), c.consumedAt(),
                (long) c.failedAttempts());
    }

    public static MagicLinkChallenge magicLink(SnapshotRow r) {
        return new MagicLinkChallenge(MagicLinkId.of(r.uuid("id")), r.text("email"), r.text("purpose"), r.instant("created_at"), r.instant("expires_at"),
                r.optionalInstant("consumed_at"), integer(r, "failed_attempts"));
    }

    public static SnapshotRow row(Entitlement e) {
        return SnapshotRow.of(ENTITLEMENT, e.orgId().value(), e.moduleId().value(), e.enabled(), e.expiresAt(), e.createdAt(), e.updatedAt());
    }

    public static Entitlement entitlement(SnapshotRow r) {
        return new Entitlement(OrgId.of(r.uuid("org_id")), ModuleId.of(r.uuid("module_id")), r.flag("enabled"), r.optionalInstant("expires_at"),
                r.instant("created_at"), r.instant("updated_at"));
    }

    public static SnapshotRow row(Membership m) {
        return SnapshotRow.of(MEMBERSHIP, m.orgId().value(), m.userId().value(), m.role().name(), m.status().name(), m.joinedAt(), m.version(),
                m.createdAt(), m.updatedAt());
    }

    public static Membership membership(SnapshotRow r) {
        return new Membership(OrgId.of(r.uuid("org_id")), UserId.of(r.uuid("user_id")), enumOf(OrgRole.class, r, "org_role"),
                enumOf(MembershipStatus.class, r, "status"), r.optionalInstant("joined_at"), r.number("version"), r.instant("created_at"),
                r.instant("updated_at"));
    }

    public static SnapshotRow row(Team t) {
        return SnapshotRow.of(TEAM, t.orgId().value(), t.id().value(), t.name(), t.description(), t.version(), t.createdAt(), t.updatedAt());
    }

    public static Team team(SnapshotRow r) {
        return new Team(OrgId.of(r.uuid("org_id")), TeamId.of(r.uuid("id")), r.text("name"), r.text("description"), r.number("version"),
                r.instant("created_at"), r.instant("updated_at"));
    }

    public static SnapshotRow row(Role t) {
        return SnapshotRow.of(ROLE, t.orgId().value(), t.id().value(), t.code(), t.name(), t.description(), t.version(), t.createdAt(), t.updatedAt());
    }

    public static Role role(SnapshotRow r) {
        return new Role(OrgId.of(r.uuid("org_id")), RoleId.of(r.uuid("id")), r.text("code"), r.text("name"), r.text("description"), r.number("version"),
                r.instant("created_at"), r.instant("updated_at"));
    }

    public static SnapshotRow row(FeatureGrant g) {
        return SnapshotRow.of(FEATURE_GRANT, g.orgId().value(), g.roleId().value(), g.featureId().value(), g.action(), g.effect().name(), g.grantedBy(),
                g.grantedAt());
    }

    public static FeatureGrant featureGrant(SnapshotRow r) {
        return new FeatureGrant(OrgId.of(r.uuid("org_id")), RoleId.of(r.uuid("role_id")), FeatureId.of(r.uuid("feature_id")), r.text("action"),
                enumOf(Effect.class, r, "effect"), r.text("granted_by"), r.instant("granted_at"));
    }

    public static SnapshotRow row(ViewGrant g) {
        return SnapshotRow.of(VIEW_GRANT, g.orgId().value(), g.roleId().value(), g.viewId().value(), g.effect().name(), g.grantedBy(), g.grantedAt());
    }

    public static ViewGrant viewGrant(SnapshotRow r) {
        return new ViewGrant(OrgId.of(r.uuid("org_id")), RoleId.of(r.uuid("role_id")), ViewId.of(r.uuid("view_id")), enumOf(Effect.class, r, "effect"),
                r.text("granted_by"), r.instant("granted_at"));
    }

    public static SnapshotRow row(Assignment a) {
        return switch (a.principal()) {
            case UserPrincipal u -> SnapshotRow.of(USER_ASSIGNMENT, a.orgId().value(), a.roleId().value(), u.userId().value(), a.grantedBy(),
                    a.grantedAt(), a.expiresAt());
            case TeamPrincipal t -> SnapshotRow.of(TEAM_ASSIGNMENT, a.orgId().value(), a.roleId().value(), t.teamId().value(), a.grantedBy(),
                    a.grantedAt(), a.expiresAt());
        };
    }

    public static Assignment assignment(SnapshotRow r) {
        Principal p = r.kind() == USER_ASSIGNMENT ? new UserPrincipal(UserId.of(r.uuid("user_id"))) : new TeamPrincipal(TeamId.of(r.uuid("team_id")));
        return new Assignment(OrgId.of(r.uuid("org_id")), RoleId.of(r.uuid("role_id")), p, r.text("granted_by"), r.instant("granted_at"),
                r.optionalInstant("expires_at"));
    }

    public static SnapshotRow row(ApiKey k, String digestHex) {
        return SnapshotRow.of(API_KEY, k.orgId().value(), k.id().value(), k.name(), k.lookupId(), digestHex, java.util.List.copyOf(k.scopes()),
                k.createdBy(), k.createdAt(), k.expiresAt(), k.lastUsedAt(), k.revokedAt());
    }

    public static ApiKey apiKey(SnapshotRow r) {
        @SuppressWarnings("unchecked")
        java.util.List<String> scopes = (java.util.List<String>) r.get("scopes");
        return new ApiKey(ApiKeyId.of(r.uuid("id")), OrgId.of(r.uuid("org_id")), r.text("name"), r.text("lookup_id"), new java.util.TreeSet<>(scopes),
                r.text("created_by"), r.instant("created_at"), r.optionalInstant("expires_at"), r.optionalInstant("last_used_at"),
                r.optionalInstant("revoked_at"));
    }

    public static SnapshotRow row(AuditEvent e, String linkHex, String keyId) {
        return SnapshotRow.of(AUDIT_EVENT, e.orgId().value(), e.seq(), e.id().value(), e.at(), e.actor(), e.action(), e.targetType(), e.targetId(),
                e.before(), e.after(), e.ip(), e.userAgent(), linkHex, keyId);
    }

    public static AuditEvent auditEvent(SnapshotRow r) {
        return new AuditEvent(AuditEventId.of(r.uuid("id")), OrgId.of(r.uuid("org_id")), r.number("seq"), r.instant("at"), r.text("actor"),
                r.text("action"), r.text("target_type"), r.text("target_id"), r.optionalText("before"), r.optionalText("after"), r.optionalText("ip"),
                r.optionalText("user_agent"));
    }

    public static TrailEntry trailEntry(SnapshotRow r) {
        return new TrailEntry(OrgId.of(r.uuid("org_id")), UserId.of(r.uuid("user_id")), ViewId.of(r.uuid("view_id")), r.instant("visited_at"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> settings(SnapshotRow r) {
        return (Map<String, Object>) r.get("settings");
    }

    private static int integer(SnapshotRow r, String field) {
        long v = r.number(field);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new ValidationException(field, "is out of range");
        }
        return (int) v;
    }

    private static void positive(SnapshotRow r, String field) {
        if (r.number(field) <= 0) {
            throw new ValidationException(field, "must be positive");
        }
    }

    private static void notNegative(SnapshotRow r, String field) {
        if (r.number(field) < 0) {
            throw new ValidationException(field, "must not be negative");
        }
    }

    private static void digest(SnapshotRow r, String field) {
        if (r.text(field).length() != 64) {
            throw new ValidationException(field, "must be a SHA-256 digest (32 bytes)");
        }
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, SnapshotRow r, String field) {
        String v = r.text(field);
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(field, "is not one of " + java.util.Arrays.toString(type.getEnumConstants()) + ": " + v);
        }
    }
}
