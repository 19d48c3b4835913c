package dev.iamkit.snapshot;

import dev.iamkit.error.ValidationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every kind of row a snapshot holds, in the order a snapshot lists them: a row only refers to
 * rows of kinds before its own. A kind is named after the table it comes from and its fields after
 * that table's columns ({@code docs/export.md}); the first {@code keySize} fields are its key. A
 * column the store derives (a team's name key, an API key's lookup row, the counters' caches and
 * change stamps, the global revision) is not a field: the importing store derives it again.
 */
public enum SnapshotKind {
    ORGANIZATION(Area.PLATFORM, InOrg.OWN_ROW, 1,
            "id:uuid parent_id:uuid? slug:text name:text status:text settings:object version:long created_at:instant updated_at:instant deleted_at:instant?"),
    APP_USER(Area.IDENTITY, InOrg.MEMBERS, 1,
            "id:uuid email:text display_name:text status:text email_verified_at:instant? version:long created_at:instant updated_at:instant deleted_at:instant?"),
    MODULE(Area.PLATFORM, InOrg.ALL, 1, "id:uuid code:text name:text description:text enabled:boolean priority:long"),
    FEATURE(Area.PLATFORM, InOrg.ALL, 1, "id:uuid code:text name:text description:text"),
    FEATURE_ACTION(Area.PLATFORM, InOrg.ALL, 2, "feature_id:uuid action:text"),
    CATALOG_VIEW(Area.PLATFORM, InOrg.ALL, 1, "id:uuid code:text name:text path:text requires_auth:boolean icon:text? ordering:long"),
    MODULE_FEATURE(Area.PLATFORM, InOrg.ALL, 2, "module_id:uuid feature_id:uuid"),
    MODULE_VIEW(Area.PLATFORM, InOrg.ALL, 2, "module_id:uuid view_id:uuid"),
    FEATURE_VIEW(Area.PLATFORM, InOrg.ALL, 2, "feature_id:uuid view_id:uuid"),
    MENU_ITEM(Area.PLATFORM, InOrg.ALL, 1, "id:uuid parent_id:uuid? view_id:uuid? label:text position:long version:long"),
    PASSWORD_CREDENTIAL(Area.IDENTITY, InOrg.MEMBERS, 1, "user_id:uuid hash:text updated_at:instant locked_until:instant?"),
    CONSENT(Area.IDENTITY, InOrg.MEMBERS, 1, "id:uuid user_id:uuid purpose:text version:text decision:text decided_at:instant source:text"),
    PRIVACY_REQUEST(Area.IDENTITY, InOrg.NONE, 1,
            "id:uuid kind:text user_id:uuid? channel:text status:text received_at:instant closed_at:instant? reason:text? purged:long?"),
    USER_SESSION(Area.IDENTITY, InOrg.NONE, 1,
            "id:uuid user_id:uuid current_org_id:uuid? device_name:text? ip:text? user_agent:text? created_at:instant last_seen_at:instant expires_at:instant revoked_at:instant?"),
    SESSION_TOKEN(Area.IDENTITY, InOrg.NONE, 1, "digest:bytes session_id:uuid rotated:boolean"),
    MAGIC_LINK_CHALLENGE(Area.IDENTITY, InOrg.NONE, 1,
            "id:uuid email:text purpose:text token_digest:bytes created_at:instant expires_at:instant consumed_at:instant? failed_attempts:long"),
    RATE_LIMIT_WINDOW(Area.IDENTITY, InOrg.NONE, 2, "bucket_key:text window_ms:long window_start:instant hits:long"),
    ORG_COUNTER(Area.TENANT, InOrg.ALL, 1, "org_id:uuid revision:long audit_seq:long"),
    ENTITLEMENT(Area.TENANT, InOrg.ALL, 2, "org_id:uuid module_id:uuid enabled:boolean expires_at:instant? created_at:instant updated_at:instant"),
    MEMBERSHIP(Area.TENANT, InOrg.ALL, 2,
            "org_id:uuid user_id:uuid org_role:text status:text joined_at:instant? version:long created_at:instant updated_at:instant"),
    TEAM(Area.TENANT, InOrg.ALL, 2, "org_id:uuid id:uuid name:text description:text version:long created_at:instant updated_at:instant"),
    TEAM_MEMBER(Area.TENANT, InOrg.ALL, 3, "org_id:uuid team_id:uuid user_id:uuid"),
    ROLE(Area.TENANT, InOrg.ALL, 2, "org_id:uuid id:uuid code:text name:text description:text version:long created_at:instant updated_at:instant"),
    ROLE_INCLUSION(Area.TENANT, InOrg.ALL, 3, "org_id:uuid role_id:uuid included_role_id:uuid"),
    FEATURE_GRANT(Area.TENANT, InOrg.ALL, 4,
            "org_id:uuid role_id:uuid feature_id:uuid action:text effect:text granted_by:text granted_at:instant"),
    VIEW_GRANT(Area.TENANT, InOrg.ALL, 3, "org_id:uuid role_id:uuid view_id:uuid effect:text granted_by:text granted_at:instant"),
    USER_ASSIGNMENT(Area.TENANT, InOrg.ALL, 3, "org_id:uuid role_id:uuid user_id:uuid granted_by:text granted_at:instant expires_at:instant?"),
    TEAM_ASSIGNMENT(Area.TENANT, InOrg.ALL, 3, "org_id:uuid role_id:uuid team_id:uuid granted_by:text granted_at:instant expires_at:instant?"),
    TRAIL_ENTRY(Area.TENANT, InOrg.ALL, 3, "org_id:uuid user_id:uuid view_id:uuid visited_at:instant seq:long"),
    API_KEY(Area.TENANT, InOrg.ALL, 2,
            "org_id:uuid id:uuid name:text lookup_id:text digest:bytes scopes:texts created_by:text created_at:instant expires_at:instant? last_used_at:instant? revoked_at:instant?"),
    USAGE_COUNTER(Area.TENANT, InOrg.ALL, 3, "org_id:uuid metric:text day:date value:long"),
    IDEMPOTENCY_KEY(Area.TENANT, InOrg.ALL, 2, "org_id:uuid key_value:text recorded_at:instant result:text?"),
    AUDIT_EVENT(Area.TENANT, InOrg.ALL, 2,
            "org_id:uuid seq:long id:uuid at:instant actor:text action:text target_type:text target_id:text before:text? after:text? ip:text? user_agent:text? link:bytes? key_id:text?");

    /** Which settings of the PostgreSQL store open a kind's table: a scope above the tenants, or the tenant. */
    public enum Area { PLATFORM, IDENTITY, TENANT }

    /** Which rows of a kind an organization's snapshot holds. */
    public enum InOrg {
        /** every row (the catalog and the menu, shared by every organization; a tenant kind: the organization's rows) */
        ALL,
        /** the organization's own row */
        OWN_ROW,
        /** the rows of the organization's members (their users, credentials and consents) */
        MEMBERS,
        /** none: data of users' sign-ins and of the platform, not of one organization */
        NONE
    }

    private final Area area;
    private final InOrg inOrg;
    private final int keySize;
    private final List<SnapshotField> fields;

    SnapshotKind(Area area, InOrg inOrg, int keySize, String spec) {
        this.area = area;
        this.inOrg = inOrg;
        this.keySize = keySize;
        List<SnapshotField> out = new ArrayList<>();
        for (String f : spec.split(" ")) {
            String[] p = f.split(":");
            boolean optional = p[1].endsWith("?");
            String type = optional ? p[1].substring(0, p[1].length() - 1) : p[1];
            out.add(new SnapshotField(p[0], switch (type) {
                case "uuid" -> FieldType.UUID_VALUE;
                case "text" -> FieldType.TEXT;
                case "instant" -> FieldType.INSTANT;
                case "date" -> FieldType.DATE;
                case "long" -> FieldType.LONG;
                case "boolean" -> FieldType.BOOLEAN;
                case "bytes" -> FieldType.BYTES;
                case "texts" -> FieldType.TEXT_LIST;
                case "object" -> FieldType.OBJECT;
                default -> throw new IllegalStateException(type);
            }, optional));
        }
        this.fields = List.copyOf(out);
    }

    /** The name a snapshot file gives this kind (the table's name). */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The kind named {@code name} in a file. */
    public static Optional<SnapshotKind> byWireName(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName().equals(name)).findFirst();
    }

    /**
     * The kind named {@code name}.
     *
     * @throws ValidationException (field {@code t}) when there is none
     */
    public static SnapshotKind named(String name) {
        return byWireName(name).orElseThrow(() -> new ValidationException("t", "is not a kind of row: " + name));
    }

    public Area area() {
        return area;
    }

    public InOrg inOrg() {
        return inOrg;
    }

    /** How many leading fields make the key: no two rows of a store share one. */
    public int keySize() {
        return keySize;
    }

    public List<SnapshotField> fields() {
        return fields;
    }

    /** The key fields. */
    public List<SnapshotField> key() {
        return fields.subList(0, keySize);
    }
}
