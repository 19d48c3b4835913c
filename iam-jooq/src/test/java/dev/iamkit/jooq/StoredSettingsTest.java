package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.iamkit.IamDatabase;
import dev.iamkit.error.StorageException;
import dev.iamkit.model.NewOrganization;
import dev.iamkit.model.Organization;
import dev.iamkit.model.PageRequest;
import dev.iamkit.testkit.MutableClock;
import dev.iamkit.testkit.PostgresTestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Organization settings as PostgreSQL holds them ({@code jsonb}): every number the library
 * accepts reads back exactly, also as {@code jsonb} prints it ({@code 1e20} comes back as
 * {@code 100000000000000000000}, which earlier versions could store and then not read), and a
 * value written behind the library's back that it would not accept is a {@link StorageException}
 * naming the organization — never a raw exception — while other organizations stay readable.
 */
class StoredSettingsTest {
    private static final PostgresFixture FIXTURE = new PostgresFixture("stored_settings");
    private IamDatabase db;
    private Organization acme;
    private Organization beta;

    @BeforeEach
    void open() {
        db = FIXTURE.open(new MutableClock());
        acme = db.organizations().create(new NewOrganization("acme", "Acme"));
        beta = db.organizations().create(new NewOrganization("beta", "Beta").withSettings(Map.of("tier", 2)));
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** Writes acme's settings as the owner, past the store. */
    private void storeBehindTheLibrarysBack(String json) {
        PostgresTestDatabase.get().execute("UPDATE \"" + FIXTURE.schema() + "\".organization SET settings = '" + json.replace("'", "''")
                + "'::jsonb WHERE id = '" + acme.id() + "'");
    }

    @Test
    void numbersAsJsonbPrintsThemReadBackAsTheLibraryWroteThem() {
        storeBehindTheLibrarysBack("{\"big\": 1.0E20, \"huge\": -1.5e300, \"tiny\": 4.9E-324, \"max\": 9223372036854775807,"
                + " \"past max\": 9223372036854775808, \"integral\": 3.0, \"list\": [1e20, 2]}");

        Map<String, Object> expected = new java.util.TreeMap<>(Map.of("big", 1e20, "huge", -1.5e300, "tiny", Double.MIN_VALUE,
                "max", Long.MAX_VALUE, "past max", 0x1p63, "integral", 3L, "list", List.of(1e20, 2L)));
        assertThat(db.organizations().find(acme.id()).orElseThrow().settings()).isEqualTo(expected);
        assertThat(db.organizations().list(PageRequest.first(10)).items()).extracting(Organization::settings)
                .containsExactly(expected, Map.of("tier", 2L));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"theme\": null}", "{\"deep\": {\"a\": {\"b\": {\"c\": {\"d\": {\"e\": {\"f\": {\"g\": {\"h\": 1}}}}}}}}}",
            "{\"\": 1}", "{\"note\": \"%s\"}"})
    void settingsTheLibraryWouldNotAcceptAreAStorageErrorNamingTheOrganization(String json) {
        storeBehindTheLibrarysBack(json.replace("%s", "s".repeat(4097)));

        assertThatThrownBy(() -> db.organizations().find(acme.id()))
                .asInstanceOf(type(StorageException.class))
                .satisfies(e -> assertThat(e.retryable()).isFalse(), e -> assertThat(e.getMessage()).contains(acme.id().toString()));
        assertThatThrownBy(() -> db.organizations().findBySlug("acme")).isInstanceOf(StorageException.class);
        // a page that holds it cannot be read either: the store will not make up or drop a row
        assertThatThrownBy(() -> db.organizations().list(PageRequest.first(10))).isInstanceOf(StorageException.class);
        assertThat(db.organizations().find(beta.id())).isPresent();
        assertThat(db.organizations().list(PageRequest.after(acme.id().toString(), 10)).items()).containsExactly(db.organizations().find(beta.id()).orElseThrow());
    }
}
