package dev.iamkit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.IamDatabase;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.Feature;
import dev.iamkit.model.Grant;
import dev.iamkit.model.Module;
import dev.iamkit.model.NewFeature;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.User;
import dev.iamkit.model.UserId;
import dev.iamkit.testkit.TestData;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.PermissionEvaluator;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** {@code hasPermission} in {@code @PreAuthorize}, answered by iamkit checks by feature code. */
class PermissionEvaluatorTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(IamkitAutoConfigurationTest.IAMKIT)
            .withUserConfiguration(Secured.class);

    /** A service of the application, guarded by iamkit. */
    static class Invoices {
        @PreAuthorize("hasPermission(#org, 'invoices', 'read')")
        String list(OrgId org) {
            return "invoices of " + org;
        }

        @PreAuthorize("hasPermission(#org, 'invoices:delete')")
        String delete(OrgId org) {
            return "deleted";
        }

        @PreAuthorize("hasPermission(null, 'invoices:read')")
        String listHere() {
            return "invoices here";
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableMethodSecurity
    static class Secured {
        @Bean
        Invoices invoices() {
            return new Invoices();
        }
    }

    private record World(IamDatabase db, OrgId acme, User ana, User bob) {
    }

    private static World world(IamDatabase db) {
        TestData data = new TestData(db);
        OrgId acme = data.org().id();
        Feature invoices = db.catalog().features().create(new NewFeature("invoices", "Invoices", List.of("read", "delete")));
        Module billing = data.module();
        db.catalog().linkFeature(billing.id(), invoices.id());
        db.tenant(acme).entitlements().entitle(billing.id());
        return new World(db, acme, data.memberWith(acme, Grant.allow(invoices, "read")), data.member(acme));
    }

    private static Authentication as(UserId user) {
        return new TestingAuthenticationToken(user.toString(), "n/a", "ROLE_USER");
    }

    private static <T> T calling(Authentication who, java.util.function.Supplier<T> call) {
        SecurityContextHolder.getContext().setAuthentication(who);
        try {
            return call.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void preAuthorizeWithFeatureCodesAllowsTheHolderOfAGrantAndDeniesOthers() {
        runner.run(ctx -> {
            World w = world(ctx.getBean(IamDatabase.class));
            Invoices service = ctx.getBean(Invoices.class);

            assertThat(calling(as(w.ana().id()), () -> service.list(w.acme()))).startsWith("invoices of");
            assertThatThrownBy(() -> calling(as(w.bob().id()), () -> service.list(w.acme()))).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> calling(as(w.ana().id()), () -> service.delete(w.acme()))).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> calling(new TestingAuthenticationToken("not-a-user-id", "n/a", "ROLE_USER"), () -> service.list(w.acme())))
                    .isInstanceOf(AccessDeniedException.class);
        });
    }

    @Test
    void withoutAnOrganizationOfItsOwnACheckIsAboutTheResolversOrganization() {
        runner.run(ctx -> {
            World w = world(ctx.getBean(IamDatabase.class));
            assertThatThrownBy(() -> calling(as(w.ana().id()), () -> ctx.getBean(Invoices.class).listHere()))
                    .as("the default resolver names no organization").isInstanceOf(AccessDeniedException.class);
        });
        AtomicReference<OrgId> current = new AtomicReference<>();
        runner.withBean(IamPrincipalResolver.class, () -> new IamPrincipalResolver() {
            @Override
            public Optional<UserId> user(Authentication a) {
                return IamPrincipalResolver.byName().user(a);
            }

            @Override
            public Optional<OrgId> organization(Authentication a) {
                return Optional.ofNullable(current.get());
            }
        }).run(ctx -> {
            World w = world(ctx.getBean(IamDatabase.class));
            current.set(w.acme());
            assertThat(calling(as(w.ana().id()), () -> ctx.getBean(Invoices.class).listHere())).isEqualTo("invoices here");
            assertThatThrownBy(() -> calling(as(w.bob().id()), () -> ctx.getBean(Invoices.class).listHere()))
                    .isInstanceOf(AccessDeniedException.class);
        });
    }

    @Test
    void theEvaluatorReadsOrganizationsAsIdsUuidsOrTheirTextAndRefusesMistakesInExpressions() {
        runner.run(ctx -> {
            World w = world(ctx.getBean(IamDatabase.class));
            PermissionEvaluator evaluator = ctx.getBean(PermissionEvaluator.class);
            Authentication ana = as(w.ana().id());

            assertThat(evaluator.hasPermission(ana, w.acme(), "invoices", "read")).isTrue();
            assertThat(evaluator.hasPermission(ana, w.acme().value(), "invoices", "read")).isTrue();
            assertThat(evaluator.hasPermission(ana, w.acme().toString(), "invoices", "read")).isTrue();
            assertThat(evaluator.hasPermission(ana, (Object) w.acme(), "invoices:read")).isTrue();
            assertThat(evaluator.hasPermission(ana, "not-an-org", "invoices", "read")).as("a request's text: denied").isFalse();
            assertThat(evaluator.hasPermission(ana, w.acme(), "no-such-feature", "read")).as("unknown code: denied").isFalse();
            assertThatThrownBy(() -> evaluator.hasPermission(ana, w.acme(), "Invoices", "read"))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("featureCode"));
            assertThatThrownBy(() -> evaluator.hasPermission(ana, (Object) w.acme(), "invoices-read"))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("permission"));
            assertThatThrownBy(() -> evaluator.hasPermission(ana, 42L, "invoices", "read"))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("targetId"));
            assertThat(evaluator.hasPermission(null, w.acme(), "invoices", "read")).as("no authentication").isFalse();
        });
    }
}
