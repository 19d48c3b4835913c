package dev.iamkit.testkit;

import static dev.iamkit.testkit.GlobalFixtures.globalState;
import static dev.iamkit.testkit.GlobalFixtures.repeat;
import static dev.iamkit.testkit.ValidationFixtures.acmeOf;
import static dev.iamkit.testkit.ValidationFixtures.assertRejected;
import static dev.iamkit.testkit.ValidationFixtures.newOrg;
import static dev.iamkit.testkit.ValidationFixtures.rejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.iamkit.error.ValidationException;
import dev.iamkit.model.Organization;
import dev.iamkit.model.PageRequest;
import dev.iamkit.testkit.ValidationFixtures.StoreCall;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Validation of the two open-ended inputs. Organization settings: value types, nulls, key
 * lengths, string lengths, NUL and unpaired surrogates in keys and values, nesting depth and entry
 * counts, a rejected value named by its full path ({@code settings.theme.colour}), every limit
 * itself accepted, and numbers read back by one rule in every store. Page requests: the limit, the
 * {@code after} cursor, and cursors no id-ordered list can have produced. Each rejection is a
 * {@link ValidationException} naming the exact field, and a rejected call writes nothing. See
 * "Settings" in docs/semantics.md; the fields of records are pinned by {@link ValidationContract}.
 */
public abstract class SettingsAndPagingValidationContract extends ContractBase {

    private Organization acme;

    @BeforeEach
    void seed() {
        acme = ValidationFixtures.seed(db, data).acme();
    }

    /** Nested maps, {@code levels} deep including the outermost. */
    private static Map<String, Object> nested(int levels, Object innermost) {
        Map<String, Object> map = Map.of("leaf", innermost);
        for (int i = 1; i < levels; i++) {
            map = Map.of("level" + i, map);
        }
        return map;
    }

    private static Map<String, Object> entries(int count) {
        Map<String, Object> map = new HashMap<>();
        IntStream.range(0, count).forEach(i -> map.put("k" + i, i));
        return map;
    }

    private static StoreCall createOrgWithSettings(Map<String, ?> settings) {
        return db -> db.organizations().create(newOrg("beta", "Beta").withSettings(settings));
    }

    // ---- settings --------------------------------------------------------------------------

    static Stream<Arguments> settingsInputs() {
        Map<Object, Object> integerKey = new HashMap<>();
        integerKey.put(7, "seven");
        Map<String, Object> nullValue = new HashMap<>();
        nullValue.put("theme", null);
        List<Object> listWithNull = Arrays.asList("a", null);
        @SuppressWarnings("unchecked")
        Map<String, ?> rawIntegerKey = (Map<String, ?>) (Map<?, ?>) integerKey;
        Map<String, Object> listOf501 = Map.of("items", IntStream.range(0, 500).boxed().toList(), "one", 1);
        return Stream.of(
                rejects("a null value", "settings.theme", createOrgWithSettings(nullValue)),
                rejects("a null list item", "settings.tags", createOrgWithSettings(Map.of("tags", listWithNull))),
                rejects("NaN", "settings.ratio", createOrgWithSettings(Map.of("ratio", Double.NaN))),
                rejects("positive infinity", "settings.ratio", createOrgWithSettings(Map.of("ratio", Double.POSITIVE_INFINITY))),
                rejects("negative infinity", "settings.ratio", createOrgWithSettings(Map.of("ratio", Double.NEGATIVE_INFINITY))),
                rejects("float NaN", "settings.ratio", createOrgWithSettings(Map.of("ratio", Float.NaN))),
                rejects("an Instant", "settings.since", createOrgWithSettings(Map.of("since", Instant.EPOCH))),
                rejects("a BigDecimal", "settings.price", createOrgWithSettings(Map.of("price", new BigDecimal("1.50")))),
                rejects("a Character", "settings.grade", createOrgWithSettings(Map.of("grade", 'A'))),
                rejects("a UUID", "settings.ref", createOrgWithSettings(Map.of("ref", UUID.randomUUID()))),
                rejects("a string of 4097 characters", "settings.note", createOrgWithSettings(Map.of("note", repeat('s', 4097)))),
                rejects("an empty key", "settings", createOrgWithSettings(Map.of("", 1))),
                rejects("a key of 65 characters", "settings", createOrgWithSettings(Map.of(repeat('k', 65), 1))),
                rejects("a key that is not a string", "settings", createOrgWithSettings(rawIntegerKey)),
                rejects("maps 9 levels deep", "settings", createOrgWithSettings(nested(9, "deep"))),
                rejects("a list inside the 8th level", "settings", createOrgWithSettings(nested(8, List.of("x")))),
                rejects("501 entries", "settings", createOrgWithSettings(entries(501))),
                rejects("501 entries counting list items", "settings", createOrgWithSettings(listOf501)),
                rejects("a NUL in a value", "settings.note", createOrgWithSettings(Map.of("note", "a\u0000b"))),
                rejects("an unpaired surrogate in a nested value", "settings.theme.colour",
                        createOrgWithSettings(Map.of("theme", Map.of("colour", "red\uD83D")))),
                rejects("a NUL in a key", "settings", createOrgWithSettings(Map.of("no\u0000te", 1))),
                rejects("an unpaired surrogate in a nested key", "settings.theme", createOrgWithSettings(Map.of("theme", Map.of("\uDE00", 1)))),
                rejects("update: a null value", "settings.theme", db -> db.organizations().update(acmeOf(db).withSettings(nullValue))),
                rejects("update: 9 levels deep", "settings", db -> db.organizations().update(acmeOf(db).withSettings(nested(9, 1)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settingsInputs")
    void badSettingsAreRejectedNamingTheFieldAndWriteNothing(StoreCall call, String field) {
        assertRejected(db, call, field);
    }

    @Test
    void aNullDeepInsideTheSettingsIsRejectedNamingItsFullPath() {
        Map<String, Object> inner = new HashMap<>();
        inner.put("colour", null);
        List<Object> before = globalState(db);

        assertThatThrownBy(() -> db.organizations().create(newOrg("beta", "Beta").withSettings(Map.of("theme", inner))))
                .asInstanceOf(type(ValidationException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("settings.theme.colour"));
        assertThat(globalState(db)).isEqualTo(before);
    }

    @Test
    void numbersComeBackAsIntegralLongsWithinLongRangeAndAsDoublesOtherwiseFromEveryRead() {
        Object[][] rows = {
                {"byte", (byte) -7, -7L},
                {"long max", Long.MAX_VALUE, Long.MAX_VALUE},
                {"long min", Long.MIN_VALUE, Long.MIN_VALUE},
                {"integral double", 1e15, 1_000_000_000_000_000L},
                {"integral double near the top of long", 1e18, 1_000_000_000_000_000_000L},
                {"negative zero", -0.0, 0L},
                {"float", 0.5f, 0.5},
                {"a tenth", 0.1, 0.1},
                {"two to the 63", 0x1p63, 0x1p63},
                {"1e20", 1e20, 1e20},
                {"-1e300", -1e300, -1e300},
                {"double max", Double.MAX_VALUE, Double.MAX_VALUE},
                {"smallest subnormal", Double.MIN_VALUE, Double.MIN_VALUE},
                {"1e-7", 1e-7, 1e-7},
                {"in a list", List.of(1e20, 3.0, 0.25), List.of(1e20, 3L, 0.25)}};
        Map<String, Object> given = new LinkedHashMap<>();
        Map<String, Object> expected = new LinkedHashMap<>();
        for (Object[] row : rows) {
            given.put((String) row[0], row[1]);
            expected.put((String) row[0], row[2]);
        }

        Organization numbers = db.organizations().create(newOrg("numbers", "Numbers").withSettings(given));
        Organization updated = db.organizations().update(acme.withSettings(given));

        assertThat(numbers.settings()).isEqualTo(expected);
        assertThat(db.organizations().find(numbers.id()).orElseThrow().settings()).isEqualTo(expected);
        assertThat(db.organizations().findBySlug("numbers").orElseThrow().settings()).isEqualTo(expected);
        assertThat(updated.settings()).isEqualTo(expected);
        assertThat(db.organizations().list(PageRequest.first(10)).items())
                .extracting(Organization::settings).containsExactly(expected, expected);
    }

    // ---- page requests and cursors ---------------------------------------------------------

    static Stream<Arguments> pageInputs() {
        return Stream.of(
                rejects("limit 0", "limit", db -> db.users().list(PageRequest.first(0))),
                rejects("limit -1", "limit", db -> db.users().list(new PageRequest(-1, Optional.empty()))),
                rejects("limit 1001", "limit", db -> db.organizations().list(PageRequest.first(1001))),
                rejects("after null", "after", db -> db.users().list(new PageRequest(10, null))),
                rejects("after empty", "after", db -> db.users().list(PageRequest.after("", 10))),
                rejects("after blank", "after", db -> db.users().list(PageRequest.after("   ", 10))),
                rejects("after of 101 characters", "after", db -> db.users().list(PageRequest.after(repeat('c', 101), 10))),
                rejects("after with a control character", "after", db -> db.users().list(PageRequest.after("abc\u0000def", 10))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pageInputs")
    void badPageRequestsAreRejectedNamingTheField(StoreCall call, String field) {
        assertRejected(db, call, field);
    }

    @ParameterizedTest(name = "cursor \"{0}\"")
    @ValueSource(strings = {"not-a-cursor", "12345", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", "0190c6a1-1a2b-7c3d-8e4f", "{}"})
    void aCursorNoIdOrderedListCanHaveProducedIsRejectedOnAfter(String cursor) {
        PageRequest request = PageRequest.after(cursor, 10);

        assertRejected(db, db -> db.users().list(request), "after");
        assertRejected(db, db -> db.organizations().list(request), "after");
        assertRejected(db, db -> db.tenant(acme.id()).roles().list(request), "after");
    }

    // ---- limits are inclusive --------------------------------------------------------------

    @Test
    void settingsAtTheirLimitsAreAcceptedAndStoredUnchanged() {
        Map<String, Object> mapsEightDeep = nested(8, "bottom");
        Map<String, Object> listItemsAtLevelEight = nested(7, List.of(1L, "two"));
        Map<String, Object> wide = new LinkedHashMap<>(entries(497));
        wide.put(repeat('k', 64), repeat('s', 4096));

        Organization deep = db.organizations().create(newOrg("deep", "Deep").withSettings(mapsEightDeep));
        Organization deepList = db.organizations().create(newOrg("deep-list", "Deep list").withSettings(listItemsAtLevelEight));
        Organization big = db.organizations().create(newOrg("big", "Big").withSettings(wide));

        assertThat(db.organizations().find(deep.id()).orElseThrow().settings()).isEqualTo(mapsEightDeep);
        assertThat(db.organizations().find(deepList.id()).orElseThrow().settings()).isEqualTo(listItemsAtLevelEight);
        Map<String, Object> bigRead = db.organizations().find(big.id()).orElseThrow().settings();
        assertThat(bigRead).hasSize(498);
        assertThat(bigRead.get(repeat('k', 64))).isEqualTo(repeat('s', 4096));
        assertThat(bigRead.get("k496")).isEqualTo(496L);
        Map<String, Object> exactly500 = new HashMap<>(entries(499));
        exactly500.put("list", List.of());
        assertThat(db.organizations().update(acme.withSettings(exactly500)).settings()).hasSize(500);
    }
}
