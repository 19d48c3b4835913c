package dev.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.IamDatabase;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.OrgId;
import dev.iamkit.portable.SnapshotFileException;
import dev.iamkit.portable.Snapshots;
import dev.iamkit.snapshot.SnapshotConflictException;
import dev.iamkit.snapshot.SnapshotImport;
import dev.iamkit.snapshot.SnapshotKind;
import dev.iamkit.snapshot.SnapshotScope;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Portable snapshots ({@code Snapshots.export} / {@code importInto}) against one store: a snapshot
 * imported into an empty store of the same kind exports identically and answers checks; an import
 * is all or nothing (a conflict, a truncated or corrupt file, an invalid row write nothing); rows
 * already held, equal, are accepted; an organization's snapshot holds its rows, its members and the
 * catalog. The differential tests between stores are in iam-jooq.
 */
public abstract class SnapshotContract extends ContractBase {
    private SnapshotWorld world;

    @BeforeEach
    void world() {
        world = new SnapshotWorld(db, clock);
    }

    public static String export(IamDatabase db, SnapshotScope scope) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Snapshots.export(db, scope, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    public static SnapshotImport importText(IamDatabase db, String text) {
        return Snapshots.importInto(db, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The lines after the header (which names the store and the time), i.e. the rows and the trailer. */
    public static List<String> body(String snapshot) {
        List<String> lines = Arrays.asList(snapshot.split("\n"));
        return lines.subList(1, lines.size());
    }

    /** Signed, so that an imported trail must verify under the key, not merely hash alike. */
    @Override
    protected dev.iamkit.support.AuditKeys auditKeys() {
        return TestAuditKeys.K1;
    }

    private IamDatabase fresh() {
        return fixture().open(new MutableClock(), auditKeys());
    }

    @Test
    void aSnapshotHoldsEveryKindOfRowAndEndsWithItsCounts() {
        String snapshot = export(db, SnapshotScope.wholeStore());
        List<String> lines = Arrays.asList(snapshot.split("\n"));

        assertThat(lines.get(0)).startsWith("{\"format\":\"iamkit-snapshot\",\"version\":1,\"scope\":\"store\",");
        for (SnapshotKind k : SnapshotKind.values()) {
            assertThat(snapshot).as(k.wireName()).contains("{\"t\":\"" + k.wireName() + "\",\"r\":{");
        }
        assertThat(lines.get(lines.size() - 1)).startsWith("{\"end\":true,\"counts\":{\"organization\":2,\"app_user\":3,");
        assertThat(snapshot).contains(SnapshotWorld.BCRYPT).doesNotContain("iks_").doesNotContain("ikk_");
    }

    @Test
    void importIntoAnEmptyStoreExportsTheSameRowsAndAnswersFromThem() {
        String snapshot = export(db, SnapshotScope.wholeStore());
        try (IamDatabase target = fresh()) {
            SnapshotImport done = importText(target, snapshot);

            assertThat(done.totalWritten()).isEqualTo(body(snapshot).size() - 1);
            assertThat(done.alreadyPresent()).isEmpty();
            assertThat(body(export(target, SnapshotScope.wholeStore()))).isEqualTo(body(snapshot));
            assertThat(target.tenant(world.acme.id()).authz().check(world.ana.id(), world.invoices.id(), "create")).isTrue();
            assertThat(target.tenant(world.acme.id()).authz().check(world.ana.id(), world.invoices.id(), "approve")).isFalse();
            assertThat(target.tenant(world.acme.id()).audit().verify().intact()).isTrue();
            assertThat(target.tenant(world.acme.id()).audit().verify()).isEqualTo(db.tenant(world.acme.id()).audit().verify());
            assertThat(target.tenant(world.acme.id()).audit().verify().verified()).isGreaterThan(10);
            assertThat(target.tenant(world.acme.id()).revision()).isEqualTo(db.tenant(world.acme.id()).revision());
        }
    }

    @Test
    void importingRowsTheStoreAlreadyHoldsEqualWritesNothingAndCountsThem() {
        String snapshot = export(db, SnapshotScope.wholeStore());

        SnapshotImport again = importText(db, snapshot);

        assertThat(again.written()).isEmpty();
        assertThat(again.alreadyPresent().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(body(snapshot).size() - 1);
        assertThat(body(export(db, SnapshotScope.wholeStore()))).isEqualTo(body(snapshot));
    }

    @Test
    void aRowThatDiffersFromTheStoredOneRefusesTheImportListingItAndWritesNothing() {
        String before = export(db, SnapshotScope.wholeStore());
        String changed = before.replace("\"name\":\"Globex\"", "\"name\":\"Globex Corp\"")
                .replace("\"display_name\":\"Eve\"", "\"display_name\":\"Eve E.\"");
        String withNewOrg = changed.replace("{\"end\":true", newOrgLine() + "\n{\"end\":true")
                .replace("\"counts\":{\"organization\":2", "\"counts\":{\"organization\":3");

        assertThatThrownBy(() -> importText(db, withNewOrg))
                .isInstanceOfSatisfying(SnapshotConflictException.class, e -> assertThat(e.conflicts())
                        .anySatisfy(c -> assertThat(c).startsWith("organization [" + world.globex.id() + "] differs"))
                        .anySatisfy(c -> assertThat(c).startsWith("app_user [" + world.outsider.id() + "] differs"))
                        .hasSize(2));
        assertThat(body(export(db, SnapshotScope.wholeStore()))).isEqualTo(body(before));
    }

    private static String newOrgLine() {
        return "{\"t\":\"organization\",\"r\":{\"id\":\"" + OrgId.of(java.util.UUID.fromString("01900000-0000-7000-8000-000000000001")).value()
                + "\",\"parent_id\":null,\"slug\":\"initech\",\"name\":\"Initech\",\"status\":\"ACTIVE\",\"settings\":{},\"version\":0,"
                + "\"created_at\":\"2030-01-01T00:00:00Z\",\"updated_at\":\"2030-01-01T00:00:00Z\",\"deleted_at\":null}}";
    }

    @Test
    void aNewRowUnderAnotherRowsUniqueValueIsAConflict() {
        String before = export(db, SnapshotScope.wholeStore());
        String sameSlug = newOrgLine().replace("\"slug\":\"initech\"", "\"slug\":\"acme\"");
        String file = before.split("\n")[0] + "\n" + sameSlug + "\n{\"end\":true,\"counts\":{\"organization\":1}}\n";

        assertThatThrownBy(() -> importText(db, file)).isInstanceOf(SnapshotConflictException.class).hasMessageContaining("organization");
        assertThat(body(export(db, SnapshotScope.wholeStore()))).isEqualTo(body(before));
    }

    @Test
    void aTruncatedSnapshotWritesNothing() {
        String snapshot = export(db, SnapshotScope.wholeStore());
        List<String> lines = new ArrayList<>(Arrays.asList(snapshot.split("\n")));
        String truncated = String.join("\n", lines.subList(0, lines.size() - 3)) + "\n";
        try (IamDatabase target = fresh()) {
            assertThatThrownBy(() -> importText(target, truncated))
                    .isInstanceOfSatisfying(SnapshotFileException.class, e -> {
                        assertThat(e.line()).isEqualTo(lines.size() - 2);
                        assertThat(e.field()).isEqualTo("end");
                    });
            assertThat(body(export(target, SnapshotScope.wholeStore()))).hasSize(1);
        }
    }

    @Test
    void aTrailerWhoseCountsDoNotMatchTheRowsWritesNothing() {
        String snapshot = export(db, SnapshotScope.wholeStore());
        String wrong = snapshot.replace("\"counts\":{\"organization\":2", "\"counts\":{\"organization\":3");
        try (IamDatabase target = fresh()) {
            assertThatThrownBy(() -> importText(target, wrong)).isInstanceOfSatisfying(SnapshotFileException.class, e -> assertThat(e.field()).isEqualTo("counts"));
            assertThat(body(export(target, SnapshotScope.wholeStore()))).hasSize(1);
        }
    }

    @Test
    void aCorruptLineIsNamedByItsNumberAndWritesNothing() {
        List<String> lines = new ArrayList<>(Arrays.asList(export(db, SnapshotScope.wholeStore()).split("\n")));
        lines.set(6, lines.get(6).substring(0, lines.get(6).length() - 5));
        try (IamDatabase target = fresh()) {
            assertThatThrownBy(() -> importText(target, String.join("\n", lines)))
                    .isInstanceOfSatisfying(SnapshotFileException.class, e -> {
                        assertThat(e.line()).isEqualTo(7);
                        assertThat(e.field()).isEqualTo("json");
                    });
            assertThat(body(export(target, SnapshotScope.wholeStore()))).hasSize(1);
        }
    }

    @Test
    void anInvalidRowIsRefusedAsTheApiRefusesItNamingLineAndField() {
        List<String> lines = new ArrayList<>(Arrays.asList(export(db, SnapshotScope.wholeStore()).split("\n")));
        int userLine = lines.indexOf(lines.stream().filter(l -> l.contains("\"email\":\"bob@example.com\"")).findFirst().orElseThrow());
        lines.set(userLine, lines.get(userLine).replace("bob@example.com", "not an email"));
        int roleLine = lines.indexOf(lines.stream().filter(l -> l.startsWith("{\"t\":\"role\"")).findFirst().orElseThrow());
        try (IamDatabase target = fresh()) {
            assertThatThrownBy(() -> importText(target, String.join("\n", lines)))
                    .isInstanceOfSatisfying(SnapshotFileException.class, e -> {
                        assertThat(e.line()).isEqualTo(userLine + 1);
                        assertThat(e.field()).isEqualTo("email");
                    });
            String badRole = String.join("\n", lines).replace("not an email", "bob@example.com")
                    .replace(lines.get(roleLine), lines.get(roleLine).replaceFirst("\"version\":\\d+", "\"version\":\"one\""));
            assertThatThrownBy(() -> importText(target, badRole))
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.field()).isEqualTo("version");
                        assertThat(e.getMessage()).contains("line " + (roleLine + 1));
                    });
            assertThat(body(export(target, SnapshotScope.wholeStore()))).hasSize(1);
        }
    }

    /**
     * Rows each valid alone whose links close a cycle: organizations that are each other's parent,
     * menu items likewise, roles that include each other. The API refuses each such link; an
     * import does too, naming the field, and writes nothing.
     */
    @Test
    void parentsAndInclusionsThatCloseACycleAreRefusedAndWriteNothing() {
        List<String> lines = Arrays.asList(export(db, SnapshotScope.wholeStore()).split("\n"));
        String child = lines.stream().filter(l -> l.startsWith("{\"t\":\"organization\"") && !l.contains("\"parent_id\":null")).findFirst().orElseThrow();
        String parentId = child.replaceAll(".*\"parent_id\":\"([^\"]+)\".*", "$1");
        String childId = child.replaceAll(".*?\"id\":\"([^\"]+)\".*", "$1");
        String orgCycle = String.join("\n", lines.stream().map(l -> l.contains("\"id\":\"" + parentId + "\"") && l.startsWith("{\"t\":\"organization\"")
                ? l.replace("\"parent_id\":null", "\"parent_id\":\"" + childId + "\"") : l).toList());

        String item = lines.stream().filter(l -> l.startsWith("{\"t\":\"menu_item\"") && !l.contains("\"parent_id\":null")).findFirst().orElseThrow();
        String groupId = item.replaceAll(".*\"parent_id\":\"([^\"]+)\".*", "$1");
        String itemId = item.replaceAll(".*?\"id\":\"([^\"]+)\".*", "$1");
        String menuCycle = String.join("\n", lines.stream().map(l -> l.startsWith("{\"t\":\"menu_item\",\"r\":{\"id\":\"" + groupId + "\"")
                ? l.replace("\"parent_id\":null", "\"parent_id\":\"" + itemId + "\"") : l).toList());

        String inclusion = lines.stream().filter(l -> l.startsWith("{\"t\":\"role_inclusion\"")).findFirst().orElseThrow();
        String role = inclusion.replaceAll(".*\"role_id\":\"([^\"]+)\".*", "$1");
        String included = inclusion.replaceAll(".*\"included_role_id\":\"([^\"]+)\".*", "$1");
        String back = inclusion.replace("\"role_id\":\"" + role + "\"", "\"role_id\":\"R\"").replace("\"included_role_id\":\"" + included + "\"",
                "\"included_role_id\":\"" + role + "\"").replace("\"role_id\":\"R\"", "\"role_id\":\"" + included + "\"");
        List<String> withBack = new ArrayList<>();
        for (String l : lines) {
            withBack.add(l.startsWith("{\"end\"") ? l.replace("\"role_inclusion\":1", "\"role_inclusion\":2") : l);
            if (l.equals(inclusion)) {
                withBack.add(back);
            }
        }
        String inclusionCycle = String.join("\n", withBack);

        for (var c : List.of(List.of(orgCycle, "parent_id"), List.of(menuCycle, "parent_id"), List.of(inclusionCycle, "included_role_id"))) {
            try (IamDatabase target = fresh()) {
                assertThatThrownBy(() -> importText(target, c.get(0)))
                        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).as(e.getMessage()).isEqualTo(c.get(1)));
                assertThat(body(export(target, SnapshotScope.wholeStore()))).as("nothing written").hasSize(1);
            }
        }
    }

    @Test
    void anotherVersionOfTheFormatIsRefused() {
        String snapshot = export(db, SnapshotScope.wholeStore()).replace("\"version\":1,\"scope\"", "\"version\":2,\"scope\"");
        try (IamDatabase target = fresh()) {
            assertThatThrownBy(() -> importText(target, snapshot))
                    .isInstanceOfSatisfying(SnapshotFileException.class, e -> assertThat(e.field()).isEqualTo("version"));
        }
    }

    @Test
    void anOrganizationsSnapshotHoldsItsRowsItsMembersAndTheCatalogOnly() {
        String snapshot = export(db, SnapshotScope.organization(world.globex.id()));

        assertThat(snapshot.split("\n")[0]).contains("\"scope\":\"org:" + world.globex.id() + "\"");
        assertThat(snapshot).contains("\"slug\":\"globex\"").doesNotContain("\"slug\":\"acme\"")
                .contains("bob@example.com").doesNotContain("ana@example.com").doesNotContain("eve@example.com")
                .contains("\"code\":\"invoices\"").contains("\"label\":\"Money\"").contains("\"code\":\"auditor\"").doesNotContain("\"code\":\"clerk\"")
                .doesNotContain("\"t\":\"user_session\"").doesNotContain("\"t\":\"magic_link_challenge\"").doesNotContain("\"t\":\"rate_limit_window\"")
                .doesNotContain("\"t\":\"privacy_request\"").doesNotContain(SnapshotWorld.BCRYPT);
    }

    @Test
    void organizationsMoveOneByOneIntoAStoreThatSharesTheirCatalog() {
        String acme = export(db, SnapshotScope.organization(world.acme.id()));
        String globex = export(db, SnapshotScope.organization(world.globex.id()));
        try (IamDatabase target = fresh()) {
            importText(target, acme);

            SnapshotImport second = importText(target, globex);

            assertThat(second.alreadyPresent()).containsKeys(SnapshotKind.MODULE, SnapshotKind.FEATURE, SnapshotKind.CATALOG_VIEW, SnapshotKind.MENU_ITEM);
            assertThat(second.written()).containsKeys(SnapshotKind.ORGANIZATION, SnapshotKind.MEMBERSHIP, SnapshotKind.ROLE).doesNotContainKey(SnapshotKind.MODULE);
            assertThat(body(export(target, SnapshotScope.organization(world.globex.id())))).isEqualTo(body(globex));
            assertThat(body(export(target, SnapshotScope.organization(world.acme.id())))).isEqualTo(body(acme));
            assertThat(target.tenant(world.acme.id()).authz().check(world.ana.id(), world.invoices.id(), "read")).isTrue();
        }
    }

    @Test
    void theSnapshotOfAnOrganizationThatDoesNotExistIsNotFound() {
        OrgId missing = OrgId.of(java.util.UUID.fromString("01900000-0000-7000-8000-0000000000ff"));
        assertThatThrownBy(() -> export(db, SnapshotScope.organization(missing))).isInstanceOf(NotFoundException.class);
    }
}
