package dev.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.iamkit.TenantScope;
import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.NewTeam;
import dev.iamkit.model.NewUser;
import dev.iamkit.model.Organization;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Team;
import dev.iamkit.model.User;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one case rule of the library, the same in every store and whatever a database's collation
 * (docs/semantics.md, "Input rules"): team names are unique in an organization by their
 * {@code dev.iamkit.support.CaseFolding} key — compatibility normalization and Java's
 * locale-independent case mappings, no language's special rules — and emails are lower-cased with
 * {@code Locale.ROOT} and then must be ASCII.
 */
public abstract class CaseFoldingContract extends ContractBase {
    private TenantScope acme;

    @BeforeEach
    void seed() {
        Organization org = data.org();
        acme = db.tenant(org.id());
    }

    static Stream<Arguments> sameName() {
        return Stream.of(
                Arguments.of("ASCII case", "INFO", "info"),
                Arguments.of("fullwidth letters", "\uFF29\uFF4E\uFF46\uFF4F", "info"),
                Arguments.of("dotless i", "\u0131nfo", "INFO"),
                Arguments.of("Greek capitals and final sigma", "\u039F\u0394\u039F\u03A3", "\u03BF\u03B4\u03BF\u03C2"),
                Arguments.of("Greek final and medial sigma", "\u03BF\u03B4\u03BF\u03C3", "\u03BF\u03B4\u03BF\u03C2"),
                Arguments.of("sharp s", "STRASSE", "Stra\u00DFe"),
                Arguments.of("capital sharp s", "STRA\u1E9EE", "strasse"),
                Arguments.of("Kelvin sign", "\u212Aelvin", "KELVIN"),
                Arguments.of("ligature", "\uFB01le", "FILE"),
                Arguments.of("combining and precomposed accent", "Cafe\u0301", "caf\u00E9"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sameName")
    void teamNamesWithTheSameKeyAreTheSameNameAndFindEachOther(String description, String first, String second) {
        Team team = acme.teams().create(new NewTeam(first));

        assertThatThrownBy(() -> acme.teams().create(new NewTeam(second)))
                .asInstanceOf(type(AlreadyExistsException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("name"));
        assertThat(acme.teams().findByName(second)).contains(team);
        assertThat(acme.teams().findByName(first)).contains(team);
        assertThat(acme.teams().list(PageRequest.first(10)).items()).containsExactly(team);
    }

    static Stream<Arguments> differentNames() {
        return Stream.of(
                Arguments.of("Turkish dotted capital I", "\u0130nfo", "info"),
                Arguments.of("Greek accents", "\u1F40\u03B4\u03CC\u03C2", "\u03BF\u03B4\u03BF\u03C2"),
                Arguments.of("Latin accents", "R\u00E9sum\u00E9", "resume"),
                Arguments.of("inner white space", "Ops team", "Ops  team"),
                Arguments.of("zero-width space", "in\u200Bfo", "info"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("differentNames")
    void teamNamesWithDifferentKeysAreDifferentNames(String description, String first, String second) {
        Team a = acme.teams().create(new NewTeam(first));
        Team b = acme.teams().create(new NewTeam(second));

        assertThat(acme.teams().findByName(first)).contains(a);
        assertThat(acme.teams().findByName(second)).contains(b);
        assertThat(acme.teams().findByName(second.toUpperCase(java.util.Locale.ROOT))).contains(b);
    }

    @Test
    void aTeamMayBeRenamedToAnotherFormOfItsOwnNameButNotToAnotherTeams() {
        Team ops = acme.teams().create(new NewTeam("\u039F\u0394\u039F\u03A3"));
        Team other = acme.teams().create(new NewTeam("Stra\u00DFe"));

        Team renamed = acme.teams().update(ops.withName("\u03BF\u03B4\u03BF\u03C2"));
        assertThat(renamed.name()).isEqualTo("\u03BF\u03B4\u03BF\u03C2");
        assertThat(acme.teams().findByName("\u039F\u0394\u039F\u03A3")).contains(renamed);
        assertThatThrownBy(() -> acme.teams().update(renamed.withName("STRASSE")))
                .asInstanceOf(type(AlreadyExistsException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("name"));
        assertThat(acme.teams().find(other.id())).contains(other);
        assertThat(acme.teams().find(ops.id())).contains(renamed);
    }

    @Test
    void namesKeepTheFormTheyWereGivenIn() {
        List<String> names = List.of("\u0130nfo", "\u1F40\u03B4\u03CC\u03C2", "\uFF29\uFF4E\uFF46\uFF4F", "e\u0301t\u00E9", "\uD83D\uDE00 team");
        names.forEach(n -> acme.teams().create(new NewTeam(n)));

        assertThat(acme.teams().list(PageRequest.first(10)).items()).extracting(Team::name).containsExactlyElementsOf(names);
    }

    @Test
    void emailsAreLowerCasedWithoutLocaleRulesAndMustThenBeAscii() {
        User kim = db.users().create(new NewUser("\u212Aim@Example.com", "Kim"));

        assertThat(kim.email()).isEqualTo("kim@example.com");
        assertThat(db.users().findByEmail("KIM@EXAMPLE.COM")).contains(kim);
        assertThat(db.users().findByEmail("\u212AIM@example.com")).contains(kim);
        assertThatThrownBy(() -> db.users().create(new NewUser("KIM@example.com", "Kim again")))
                .asInstanceOf(type(AlreadyExistsException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("email"));
        // the dotted capital I lower-cases to i and a combining dot, which is not ASCII
        assertThatThrownBy(() -> db.users().create(new NewUser("\u0130nfo@example.com", "Info")))
                .asInstanceOf(type(ValidationException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("email"));
        assertThat(db.users().findByEmail("\u0130nfo@example.com")).isEmpty();
    }
}
