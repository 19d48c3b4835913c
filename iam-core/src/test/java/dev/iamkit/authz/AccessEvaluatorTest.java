package dev.iamkit.authz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.authz.AccessSnapshot.RoleGrants;
import dev.iamkit.authz.Decision.Reason;
import dev.iamkit.model.Effect;
import dev.iamkit.model.Feature;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.ModuleId;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Permission;
import dev.iamkit.model.RoleId;
import dev.iamkit.model.TeamId;
import dev.iamkit.model.UserId;
import dev.iamkit.model.ViewId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccessEvaluatorTest {
    private static final OrgId ORG = new OrgId(uuid(1));
    private static final UserId USER = new UserId(uuid(2));
    private static final FeatureId F = new FeatureId(uuid(3));
    private static final Feature FEATURE = new Feature(F, "invoices", "Invoices", "", new TreeSet<>(List.of("read", "delete")));
    private static final ModuleId M1 = new ModuleId(uuid(10));
    private static final ModuleId M2 = new ModuleId(uuid(11));
    private static final RoleId R1 = new RoleId(uuid(20));
    private static final RoleId R2 = new RoleId(uuid(21));
    private static final TeamId T1 = new TeamId(uuid(30));

    private static UUID uuid(int n) {
        return new UUID(0x0000_0000_0000_7000L, 0x8000_0000_0000_0000L | n);
    }

    private static SortedSet<ModuleId> modules(ModuleId... m) {
        return new TreeSet<>(List.of(m));
    }

    private static AccessSnapshot snapshot(RoleGrants... roles) {
        return new AccessSnapshot(ORG, USER, Optional.empty(), Map.of(F, modules(M2, M1)), Map.of(), List.of(roles));
    }

    private static RoleGrants role(RoleId id, Optional<TeamId> via, Effect readEffect) {
        return new RoleGrants(id, via, Map.of(new Permission(F, "read"), readEffect), Map.of());
    }

    @Test
    void blockedSnapshotReportsItsReasonBeforeAnythingElse() {
        Decision d = AccessEvaluator.explain(AccessSnapshot.blocked(ORG, USER, Reason.ORGANIZATION_SUSPENDED), Optional.empty(), "read");
        assertThat(d.reason()).isEqualTo(Reason.ORGANIZATION_SUSPENDED);
        assertThat(d.allowed()).isFalse();
    }

    @Test
    void unknownFeatureAndUnknownActionAreDenied() {
        assertThat(AccessEvaluator.explain(snapshot(), Optional.empty(), "read").reason()).isEqualTo(Reason.FEATURE_NOT_FOUND);
        assertThat(AccessEvaluator.explain(snapshot(), Optional.of(FEATURE), "approve").reason()).isEqualTo(Reason.UNKNOWN_ACTION);
    }

    @Test
    void notEntitledWithoutAModule() {
        AccessSnapshot s = new AccessSnapshot(ORG, USER, Optional.empty(), Map.of(), Map.of(), List.of(role(R1, Optional.empty(), Effect.ALLOW)));
        assertThat(AccessEvaluator.explain(s, Optional.of(FEATURE), "read").reason()).isEqualTo(Reason.NOT_ENTITLED);
    }

    @Test
    void allowReportsSmallestRolePreferringDirectAndSmallestModule() {
        Decision d = AccessEvaluator.explain(snapshot(
                role(R2, Optional.empty(), Effect.ALLOW),
                role(R1, Optional.of(T1), Effect.ALLOW),
                role(R1, Optional.empty(), Effect.ALLOW)), Optional.of(FEATURE), "read");
        assertThat(d).isEqualTo(new Decision(true, Reason.ALLOWED, Optional.of(R1), Optional.empty(), Optional.of(M1)));
    }

    @Test
    void denyWinsWhicheverRoleOrderItComesIn() {
        Decision d = AccessEvaluator.explain(snapshot(
                role(R1, Optional.empty(), Effect.ALLOW),
                role(R2, Optional.of(T1), Effect.DENY)), Optional.of(FEATURE), "read");
        assertThat(d).isEqualTo(new Decision(false, Reason.DENIED, Optional.of(R2), Optional.of(T1), Optional.of(M1)));
    }

    @Test
    void noGrantIsNoAllow() {
        assertThat(AccessEvaluator.explain(snapshot(), Optional.of(FEATURE), "read").reason()).isEqualTo(Reason.NO_ALLOW_GRANT);
    }

    @Test
    void effectivePermissionsDropDeniedAndUnsupportedActions() {
        RoleGrants r = new RoleGrants(R1, Optional.empty(), Map.of(
                new Permission(F, "read"), Effect.ALLOW,
                new Permission(F, "delete"), Effect.ALLOW,
                new Permission(F, "export"), Effect.ALLOW), Map.of());
        RoleGrants deny = new RoleGrants(R2, Optional.empty(), Map.of(new Permission(F, "delete"), Effect.DENY), Map.of());
        assertThat(AccessEvaluator.effectivePermissions(snapshot(r, deny), id -> Optional.of(FEATURE)))
                .containsExactly(new Permission(F, "read"));
    }

    @Test
    void viewsFollowTheSameRules() {
        ViewId v = new ViewId(uuid(40));
        AccessSnapshot s = new AccessSnapshot(ORG, USER, Optional.empty(), Map.of(), Map.of(v, modules(M1)),
                List.of(new RoleGrants(R1, Optional.empty(), Map.of(), Map.of(v, Effect.ALLOW))));
        assertThat(AccessEvaluator.explainView(s, true, v).allowed()).isTrue();
        assertThat(AccessEvaluator.explainView(s, false, v).reason()).isEqualTo(Reason.VIEW_NOT_FOUND);
        assertThat(AccessEvaluator.accessibleViews(s)).containsExactly(v);
    }
}
