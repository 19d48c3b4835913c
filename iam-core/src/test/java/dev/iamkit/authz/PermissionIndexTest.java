package dev.iamkit.authz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.model.FeatureId;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Permission;
import dev.iamkit.model.UserId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The packed permissions of a {@link CompiledAccess} answer exactly as its sorted set of permissions. */
class PermissionIndexTest {

    @Test
    void randomPermissionsAnswerAsTheSortedSetForEveryFeatureActionAndCode() {
        Random random = new Random(20261205);
        for (int round = 0; round < 300; round++) {
            // up to 150 action names: masks of one, two or three words
            int actionCount = 1 + random.nextInt(round % 3 == 0 ? 150 : 12);
            List<String> actions = new ArrayList<>();
            for (int i = 0; i < actionCount; i++) {
                actions.add("act-" + Integer.toString(random.nextInt(1 << 20), 36) + "." + i);
            }
            List<FeatureId> features = new ArrayList<>();
            int featureCount = 1 + random.nextInt(40);
            for (int i = 0; i < featureCount; i++) {
                // the nil id and ids that differ in one half only are features too
                UUID id = switch (random.nextInt(6)) {
                    case 0 -> new UUID(0, 0);
                    case 1 -> new UUID(0, random.nextInt(3));
                    case 2 -> new UUID(random.nextInt(3), 0);
                    default -> UUID.randomUUID();
                };
                features.add(new FeatureId(id));
            }
            SortedSet<Permission> granted = new TreeSet<>();
            int grants = random.nextInt(1 + featureCount * Math.min(actionCount, 10));
            for (int i = 0; i < grants; i++) {
                granted.add(new Permission(features.get(random.nextInt(featureCount)), actions.get(random.nextInt(actionCount))));
            }
            Map<FeatureId, String> codes = new HashMap<>();
            for (FeatureId f : features) {
                codes.putIfAbsent(f, "code-" + f.value());
            }
            OrgId org = new OrgId(UUID.randomUUID());
            UserId user = new UserId(UUID.randomUUID());
            CompiledAccess c = new CompiledAccess(org, user, 1, 1, Optional.empty(), granted, codes, new TreeSet<>());
            AuthzCache cache = new AuthzCache(10, Clock.systemUTC(), true);
            cache.get(org, user, AuthzCache.Floor.NONE, () -> c);
            AuthzCache.Entry entry = cache.fresh(org, user, AuthzCache.Floor.NONE);
            assertThat(entry).as("kept").isNotNull();

            List<FeatureId> asked = new ArrayList<>(features);
            asked.add(new FeatureId(UUID.randomUUID()));   // unknown features
            asked.add(new FeatureId(new UUID(0, 0)));
            List<String> askedActions = new ArrayList<>(actions);
            askedActions.add("never-granted");
            askedActions.add("a");
            for (FeatureId f : asked) {
                for (String a : askedActions) {
                    boolean expected = granted.contains(new Permission(f, a));
                    String copy = new String(a.toCharArray());   // not the interned instance
                    assertThat(c.allows(f, a)).as("%s %s", f, a).isEqualTo(expected);
                    assertThat(c.allows(f, copy)).as("%s %s (a copy of the name)", f, a).isEqualTo(expected);
                    assertThat(entry.allows(f, copy)).as("%s %s from the entry", f, a).isEqualTo(expected);
                    boolean hasCode = granted.stream().anyMatch(p -> p.featureId().equals(f));
                    if (hasCode) {
                        assertThat(c.allows(codes.get(f), copy)).as("by code %s %s", f, a).isEqualTo(expected);
                    }
                }
            }
            assertThat(c.allows("no-such-code", actions.get(0))).isFalse();
            assertThat(c.allows(features.get(0), null)).as("a null action is not granted (it is refused later, by validation)").isFalse();
            assertThat(c.permissions()).as("the sorted set is unchanged").isEqualTo(granted);
        }
    }

    @Test
    void accessesOfEqualPermissionsShareTheirPackingAndStillAnswerForThemselves() {
        FeatureId f = new FeatureId(UUID.randomUUID());
        FeatureId g = new FeatureId(UUID.randomUUID());
        SortedSet<Permission> one = new TreeSet<>(List.of(new Permission(f, "read"), new Permission(g, "write")));
        SortedSet<Permission> same = new TreeSet<>(List.of(new Permission(new FeatureId(g.value()), "write"), new Permission(f, "read")));
        SortedSet<Permission> other = new TreeSet<>(List.of(new Permission(f, "read")));
        Map<FeatureId, String> codes = Map.of(f, "f-code", g, "g-code");
        CompiledAccess a = access(one, codes);
        CompiledAccess b = access(same, codes);
        CompiledAccess c = access(other, codes);
        assertThat(b.featureTable()).isSameAs(a.featureTable());
        assertThat(b.actionNames()).isSameAs(a.actionNames());
        assertThat(c.featureTable()).isNotSameAs(a.featureTable());
        CompiledAccess d = access(new TreeSet<>(List.of(new Permission(g, "read"), new Permission(f, "write"))), codes);
        assertThat(d.actionNames()).as("the same names on other features").isSameAs(a.actionNames());
        assertThat(d.featureTable()).isNotSameAs(a.featureTable());
        assertThat(d.allows(f, "read")).isFalse();
        assertThat(d.allows(f, "write")).isTrue();
        assertThat(d.allows(g, "read")).isTrue();
        assertThat(b.allows(g, "write")).isTrue();
        assertThat(c.allows(g, "write")).isFalse();
        assertThat(c.allows(f, "read")).isTrue();
    }

    private static CompiledAccess access(SortedSet<Permission> permissions, Map<FeatureId, String> codes) {
        return new CompiledAccess(new OrgId(UUID.randomUUID()), new UserId(UUID.randomUUID()), 0, 0, Optional.empty(), permissions, codes,
                new TreeSet<>());
    }

    @Test
    void noPermissionsAllowNothing() {
        CompiledAccess c = new CompiledAccess(new OrgId(UUID.randomUUID()), new UserId(UUID.randomUUID()), 0, 0, Optional.empty(),
                new TreeSet<>(), Map.of(), new TreeSet<>());
        assertThat(c.allows(new FeatureId(new UUID(0, 0)), "read")).isFalse();
        assertThat(c.allows(new FeatureId(UUID.randomUUID()), "read")).isFalse();
    }
}
