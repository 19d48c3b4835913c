package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.model.FeatureId;
import dev.iamkit.model.Permission;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The store's copies of an organization's shared parts (V34, V35): what a copy weighs, how far it grows, how inclusions are followed. */
class SharedAccessTest {
    private static final UUID A = UUID.randomUUID();
    private static final UUID B = UUID.randomUUID();
    private static final UUID C = UUID.randomUUID();
    private static final UUID D = UUID.randomUUID();

    private static SharedAccess.RoleGrants grants(int n) {
        Permission[] allowed = new Permission[n];
        for (int i = 0; i < n; i++) {
            allowed[i] = new Permission(new FeatureId(UUID.randomUUID()), "a" + i);
        }
        return new SharedAccess.RoleGrants(allowed, new Permission[0], new UUID[0], new UUID[0]);
    }

    @Test
    void aCopyWeighsItsModulesInclusionsAndGrants() {
        SharedAccess.Copy copy = new SharedAccess.Copy(1, 0, Instant.EPOCH, true, new UUID[] {A, B}, null,
                Map.of(A, new UUID[] {B, C}), Map.of(A, grants(3)));
        // 1, the 2 modules, the inclusion (1 + its 2 included roles), the role (1 + its 3 grants)
        assertThat(copy.weight()).isEqualTo(1 + 2 + 3 + 4);
    }

    @Test
    void inclusionsAreFollowedThroughChainsAndCycles() {
        SharedAccess.Copy copy = new SharedAccess.Copy(1, 0, Instant.EPOCH, true, new UUID[0], null,
                SharedAccess.Copy.inclusions(new UUID[] {A, B, C}, new UUID[] {B, C, A}), Map.of());
        assertThat(copy.reach(new UUID[] {A})).containsExactlyInAnyOrder(A, B, C);
        assertThat(copy.reach(new UUID[] {D})).containsExactly(D);
        assertThat(copy.reach(new UUID[0])).isEmpty();
    }

    @Test
    void aCopyHoldsAtMostMaxRolesRoles() {
        Map<UUID, SharedAccess.RoleGrants> many = new HashMap<>();
        for (int i = 0; i < SharedAccess.MAX_ROLES + 10; i++) {
            many.put(UUID.randomUUID(), grants(1));
        }
        SharedAccess.Copy copy = new SharedAccess.Copy(1, 0, Instant.EPOCH, true, new UUID[0], null, Map.of(), Map.of()).with(many);
        assertThat(copy.roles()).hasSize(SharedAccess.MAX_ROLES);
    }
}
