package dev.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.authz.Authz;
import dev.iamkit.authz.Consistency;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.Actor;
import dev.iamkit.model.Feature;
import dev.iamkit.model.Grant;
import dev.iamkit.model.NewFeature;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Role;
import dev.iamkit.model.User;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code authz().check(user, featureCode, action)}: the answer of a check by id for the feature
 * that has the code, at every consistency and inside {@code inTenant}. A well-formed code that
 * names no feature is false; a malformed code is a {@link ValidationException} on
 * {@code featureCode}, checked before the action.
 */
public abstract class CheckByCodeContract extends ContractBase {
    private OrgId org;
    private Feature invoices;
    private Role clerk;
    private User ana;
    private User bob;

    @BeforeEach
    void scenario() {
        AccessFixtures fx = new AccessFixtures(db, data);
        org = data.org().id();
        invoices = db.catalog().features().create(new NewFeature("invoices", "Invoices", List.of("read", "create", "delete")));
        fx.entitledModule(org, invoices);
        clerk = fx.role(org, Grant.allow(invoices, "read"), Grant.allow(invoices, "delete"));
        ana = data.member(org);
        fx.assign(org, clerk, ana);
        fx.assign(org, fx.role(org, Grant.deny(invoices, "delete")), ana);
        bob = data.member(org);
    }

    static Stream<Arguments> consistencies() {
        return Stream.of(Arguments.of(Consistency.minimizeLatency()), Arguments.of(Consistency.full()), Arguments.of(Consistency.uncached()));
    }

    private Authz authz(Consistency c) {
        return db.tenant(org).authz(c);
    }

    @ParameterizedTest
    @MethodSource("consistencies")
    void aCheckByCodeAnswersAsTheCheckByIdOfThatFeature(Consistency c) {
        for (User u : List.of(ana, bob)) {
            for (String action : invoices.actions()) {
                assertThat(authz(c).check(u.id(), "invoices", action)).as(u.email() + " " + action)
                        .isEqualTo(authz(c).check(u.id(), invoices.id(), action));
            }
        }
        assertThat(authz(c).check(ana.id(), "invoices", "read")).isTrue();
        assertThat(authz(c).check(ana.id(), "invoices", "delete")).as("DENY wins").isFalse();
        assertThat(authz(c).check(bob.id(), "invoices", "read")).isFalse();
    }

    @ParameterizedTest
    @MethodSource("consistencies")
    void aWellFormedCodeThatNamesNoFeatureIsFalse(Consistency c) {
        assertThat(authz(c).check(ana.id(), "no-such-feature", "read")).isFalse();
        assertThat(authz(c).check(ana.id(), "invoices", "approve")).as("an action the feature does not have").isFalse();
    }

    @ParameterizedTest
    @MethodSource("consistencies")
    void aCodeIsStrippedOfSurroundingBlanksAsWhenItWasCreated(Consistency c) {
        assertThat(authz(c).check(ana.id(), "  invoices ", " read")).isTrue();
    }

    @ParameterizedTest
    @MethodSource("consistencies")
    void aMalformedCodeIsAValidationExceptionOnFeatureCodeBeforeTheAction(Consistency c) {
        for (String bad : List.of("Invoices", "", "x", "1nvoices", "in voices")) {
            assertThatThrownBy(() -> authz(c).check(ana.id(), bad, "read")).as(bad)
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("featureCode"));
            assertThatThrownBy(() -> authz(c).check(ana.id(), bad, "Not An Action")).as(bad)
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("featureCode"));
        }
        assertThatThrownBy(() -> authz(c).check(ana.id(), (String) null, "read"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("featureCode"));
    }

    @ParameterizedTest
    @MethodSource("consistencies")
    void aMalformedActionIsAValidationExceptionOnActionWhateverTheCode(Consistency c) {
        for (String code : List.of("invoices", "no-such-feature")) {
            assertThatThrownBy(() -> authz(c).check(ana.id(), code, "Read")).as(code)
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("action"));
            assertThatThrownBy(() -> authz(c).check(ana.id(), code, null)).as(code)
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("action"));
        }
    }

    @Test
    void insideInTenantACheckByCodeSeesTheWorksOwnGrant() {
        boolean seen = db.inTenant(org, Actor.system(), tx -> {
            tx.grants().grant(clerk.id(), Grant.allow(invoices, "create"));
            return tx.authz().check(ana.id(), "invoices", "create");
        });

        assertThat(seen).isTrue();
        assertThat(authz(Consistency.minimizeLatency()).check(ana.id(), "invoices", "create")).isTrue();
    }

    @Test
    void aFeatureDeletedAndMadeAgainUnderTheSameCodeIsANewFeatureWithoutTheOldGrants() {
        assertThat(authz(Consistency.minimizeLatency()).check(ana.id(), "invoices", "read")).isTrue();   // cached, where there is a cache
        db.catalog().features().delete(invoices.id());
        Feature again = db.catalog().features().create(new NewFeature("invoices", "Invoices", List.of("read")));
        new AccessFixtures(db, data).entitledModule(org, again);

        for (Consistency c : List.of(Consistency.minimizeLatency(), Consistency.full(), Consistency.uncached())) {
            assertThat(authz(c).check(ana.id(), "invoices", "read")).as(c.toString()).isFalse();
        }
        db.tenant(org).grants().grant(clerk.id(), Grant.allow(again, "read"));
        assertThat(authz(Consistency.minimizeLatency()).check(ana.id(), "invoices", "read")).isTrue();
    }
}
