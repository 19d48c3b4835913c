package dev.iamkit.catalogfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.catalog.CatalogSpec;
import dev.iamkit.catalog.MenuSpec;
import dev.iamkit.catalog.RoleTemplate;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.Effect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The catalog file reader: the documented example, defaults, JSON, and an error naming the path for each kind of problem. */
class CatalogFilesTest {
    private static final String SMALL = """
            modules:
              - code: billing
                name: Billing
                features: [invoices]
                views: [invoice-list]
            features:
              - code: invoices
                name: Invoices
                actions: [read, create]
                views: [invoice-list]
            views:
              - code: invoice-list
                name: Invoices
                path: /invoices
            menu:
              - label: Billing
                children:
                  - label: Invoices
                    view: invoice-list
            roles:
              - code: clerk
                name: Clerk
                grants:
                  - {feature: invoices, action: read}
                  - {feature: invoices, action: create, effect: deny}
                views:
                  - {view: invoice-list}
            """;

    /** The first yaml block of docs/catalog.md that declares modules: the documented full example. */
    static String documentedExample() throws IOException {
        Path doc = Path.of("..", "docs", "catalog.md");
        String text = Files.readString(doc);
        for (String block : text.split("```yaml\n")) {
            String body = block.split("```", 2)[0];
            if (body.contains("modules:") && body.contains("roles:")) {
                return body;
            }
        }
        throw new IllegalStateException("no full example in " + doc);
    }

    @Test
    void theDocumentedExampleIsReadWithEveryPart() throws IOException {
        CatalogSpec spec = CatalogFiles.parse(documentedExample());
        assertThat(spec.modules()).extracting(m -> m.code()).containsExactly("billing", "reports");
        assertThat(spec.modules().get(0).priority()).isEqualTo(10);
        assertThat(spec.modules().get(0).features()).containsExactly("invoices", "payments");
        assertThat(spec.features().get(0).actions()).containsExactly("approve", "create", "read");
        assertThat(spec.views().get(0).icon()).contains("receipt");
        assertThat(spec.menu().get(0).children()).extracting(MenuSpec::label).containsExactly("Invoices", "Payments");
        RoleTemplate clerk = spec.roles().get(1);
        assertThat(clerk.includes()).containsExactly("viewer");
        assertThat(clerk.grants().get(1).effect()).isEqualTo(Effect.DENY);
    }

    @Test
    void absentKeysTakeTheirDefaults() {
        CatalogSpec spec = CatalogFiles.parse(SMALL);
        assertThat(spec.modules().get(0).enabled()).isTrue();
        assertThat(spec.modules().get(0).priority()).isZero();
        assertThat(spec.modules().get(0).description()).isEmpty();
        assertThat(spec.views().get(0).requiresAuth()).isTrue();
        assertThat(spec.views().get(0).icon()).isEmpty();
        assertThat(spec.menu().get(0).view()).isEmpty();
        assertThat(spec.menu().get(0).children().get(0).view()).isEqualTo(Optional.of("invoice-list"));
        assertThat(spec.roles().get(0).grants()).extracting(g -> g.effect()).containsExactly(Effect.ALLOW, Effect.DENY);
    }

    @Test
    void aJsonFileIsReadToo() {
        CatalogSpec spec = CatalogFiles.parse("""
                {"features": [{"code": "invoices", "name": "Invoices", "actions": ["read"]}],
                 "views": [{"code": "home", "name": "Home", "path": "/", "requiresAuth": false}]}
                """);
        assertThat(spec.features()).hasSize(1);
        assertThat(spec.views().get(0).requiresAuth()).isFalse();
    }

    @Test
    void aFileIsReadFromDisk() throws IOException {
        Path file = Files.createTempFile("catalog", ".yaml");
        try {
            Files.writeString(file, SMALL);
            assertThat(CatalogFiles.read(file).views()).hasSize(1);
        } finally {
            Files.delete(file);
        }
        assertThatThrownBy(() -> CatalogFiles.read(file)).isInstanceOf(ValidationException.class)
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("file");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown key in a feature       | features[0].requireAuth  | features: [{code: invoices, name: I, actions: [read], requireAuth: true}]
            unknown top-level key          | modlues                  | modlues: []
            bad action                     | features[1].actions[1]   | features: [{code: a1, name: A, actions: [read]}, {code: b1, name: B, actions: [read, Bad Action]}]
            no actions                     | features[0].actions      | features: [{code: a1, name: A, actions: []}]
            missing name                   | views[0].name            | views: [{code: home, path: /}]
            bad path                       | views[0].path            | views: [{code: home, name: Home, path: home}]
            boolean as text                | modules[0].enabled       | modules: [{code: m1, name: M, enabled: yes}]
            number as text                 | views[0].ordering        | views: [{code: home, name: Home, path: /, ordering: first}]
            bad code                       | modules[0].code          | modules: [{code: M, name: M}]
            code given twice               | features[1]              | features: [{code: a1, name: A, actions: [read]}, {code: a1, name: B, actions: [read]}]
            path given twice               | views[1]                 | views: [{code: v1, name: A, path: /a}, {code: v2, name: B, path: /a}]
            unknown feature of a module    | modules[0].features[0]   | modules: [{code: m1, name: M, features: [nope]}]
            unknown view of a feature      | features[0].views[0]     | features: [{code: a1, name: A, actions: [read], views: [nope]}]
            link given twice               | modules[0].views[1]      | {views: [{code: v1, name: A, path: /a}], modules: [{code: m1, name: M, views: [v1, v1]}]}
            unknown view of a menu item    | menu[0].children[0].view | menu: [{label: A, children: [{label: B, view: nope}]}]
            sibling labels given twice     | menu[0].children[1]      | menu: [{label: A, children: [{label: B}, {label: B}]}]
            top-level labels given twice   | menu[1]                  | menu: [{label: A}, {label: A}]
            unknown feature of a grant     | roles[0].grants[0].feature | roles: [{code: r1, name: R, grants: [{feature: nope, action: read}]}]
            action the feature lacks       | roles[0].grants[0].action | {features: [{code: a1, name: A, actions: [read]}], roles: [{code: r1, name: R, grants: [{feature: a1, action: write}]}]}
            bad effect                     | roles[0].views[0].effect | {views: [{code: v1, name: A, path: /a}], roles: [{code: r1, name: R, views: [{view: v1, effect: MAYBE}]}]}
            unknown included role          | roles[0].includes[0]     | roles: [{code: r1, name: R, includes: [r2]}]
            a role including itself        | roles[0].includes[0]     | roles: [{code: r1, name: R, includes: [r1]}]
            a list where an object is due  | modules[0]               | modules: [billing]
            an object where a list is due  | features                 | features: {code: a1}
            wrong version                  | version                  | version: 2
            """)
    void eachProblemNamesItsPathInTheFile(String what, String field, String yaml) {
        assertThatThrownBy(() -> CatalogFiles.parse(yaml)).as(what).isInstanceOf(ValidationException.class)
                .extracting(e -> ((ValidationException) e).field()).isEqualTo(field);
    }

    @Test
    void syntaxErrorsAndDuplicateKeysNameTheFileAndTheLine() {
        for (String bad : List.of("modules: [\n  {code: m1", "views:\n  - code: v1\n    code: v2\n    name: V\n    path: /v", "")) {
            assertThatThrownBy(() -> CatalogFiles.parse(bad)).isInstanceOf(ValidationException.class)
                    .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("file"));
        }
        assertThatThrownBy(() -> CatalogFiles.parse("views:\n  - code: v1\n    code: v2\n")).hasMessageContaining("line 3");
    }
}
