package dev.iamkit.testkit;

import dev.iamkit.IamDatabase;
import dev.iamkit.model.*;
import dev.iamkit.retry.IdempotencyKey;
import dev.iamkit.retry.ResultCodec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A store holding at least one row of every kind a snapshot carries, written through the public
 * API: two organizations (one the other's parent, with settings), members, a non-member, teams,
 * roles that include each other, feature and view grants (allow and deny), user and team
 * assignments, entitlements, the catalog and its links, a menu tree, trails, API keys, usage,
 * idempotent work, sessions with a rotated refresh token, magic links, rate-limit windows, a
 * password hash, consents, a privacy request and each organization's audit trail.
 */
public final class SnapshotWorld {
    /** A bcrypt hash as a host would import it (the store keeps it as given). */
    public static final String BCRYPT = "$2b$10$" + "abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ01234";

    public final Organization acme;
    public final Organization globex;
    public final User ana;
    public final User bob;
    public final User outsider;
    public final Feature invoices;
    public final View invoiceView;
    public final Role clerk;

    public SnapshotWorld(IamDatabase db, MutableClock clock) {
        acme = db.organizations().create(new NewOrganization("acme", "Acme Inc.", Optional.empty(),
                Map.of("plan", "gold", "limits", Map.of("seats", 25L, "ratio", 0.5), "tags", List.of("a", "b"), "trial", false)));
        globex = db.organizations().create(new NewOrganization("globex", "Globex", Optional.of(acme.id()), Map.of()));
        ana = db.users().create(new NewUser("ana@example.com", "Ana Ñandú"));
        bob = db.users().create(new NewUser("bob@example.com", "Bob", UserStatus.PENDING));
        outsider = db.users().create(new NewUser("eve@example.com", "Eve"));
        db.credentials().importHash(ana.id(), BCRYPT);
        db.consents().record(ana.id(), NewConsent.given("terms", "2026-01", "signup-form"));
        db.consents().record(bob.id(), NewConsent.withdrawn("marketing-email", "2026-01", "settings-page"));

        var modules = db.catalog().modules();
        dev.iamkit.model.Module billing = modules.create(new NewModule("billing", "Billing", "Invoices and payments", true, 10));
        dev.iamkit.model.Module reports = modules.create(new NewModule("reports", "Reports", "", false, -5));
        invoices = db.catalog().features().create(new NewFeature("invoices", "Invoices", "", new TreeSet<>(List.of("read", "create", "approve"))));
        Feature ledger = db.catalog().features().create(new NewFeature("ledger", "Ledger", "The books", new TreeSet<>(List.of("read"))));
        invoiceView = db.catalog().views().create(new NewView("invoice-list", "Invoices", "/invoices", true, Optional.of("receipt"), 1));
        View home = db.catalog().views().create(new NewView("home", "Home", "/", false, Optional.empty(), 0));
        db.catalog().linkFeature(billing.id(), invoices.id());
        db.catalog().linkFeature(reports.id(), ledger.id());
        db.catalog().linkView(billing.id(), invoiceView.id());
        db.catalog().linkFeatureView(invoices.id(), invoiceView.id());
        MenuItem group = db.navigation().create(NewMenuItem.group("Money", 2));
        db.navigation().create(new NewMenuItem(Optional.of(group.id()), Optional.of(invoiceView.id()), "Invoices", 1));
        db.navigation().create(NewMenuItem.link(home.id(), "Home", 0));

        clerk = db.inTenant(acme.id(), Actor.user(ana.id()), tx -> {
            tx.memberships().add(ana.id(), OrgRole.ADMIN);
            tx.memberships().invite(bob.id(), OrgRole.MEMBER);
            tx.entitlements().entitle(billing.id());
            tx.entitlements().entitle(reports.id(), Optional.of(Instant.parse("2031-01-01T00:00:00Z")));
            Team ops = tx.teams().create(new NewTeam("Ops Team", "Operations"));
            tx.teams().addMember(ops.id(), ana.id());
            Role c = tx.roles().create(new NewRole("clerk", "Clerk"));
            Role viewer = tx.roles().create(new NewRole("viewer", "Viewer"));
            tx.roles().include(c.id(), viewer.id());
            tx.grants().replace(c.id(), List.of(Grant.allow(invoices, "read"), Grant.allow(invoices, "create"), Grant.deny(invoices, "approve")));
            tx.grants().grant(viewer.id(), Grant.allow(ledger, "read"));
            tx.grants().grantView(c.id(), ViewAccess.allow(invoiceView.id()));
            tx.grants().grantView(viewer.id(), ViewAccess.deny(home.id()));
            tx.assignments().assign(c.id(), Principal.user(ana.id()), Optional.empty());
            tx.assignments().assign(viewer.id(), Principal.team(ops.id()), Optional.of(Instant.parse("2032-01-01T00:00:00Z")));
            tx.apiKeys().create(new NewApiKey("ci", new TreeSet<>(List.of("read", "write")), Optional.empty()));
            tx.usage().increment("api-calls", 7);
            tx.usage().increment("api-calls", LocalDate.parse("2029-12-31"), 3);
            return c;
        });
        clock.advance(Duration.ofSeconds(1));
        db.tenant(acme.id()).trail().record(ana.id(), invoiceView.id());
        clock.advance(Duration.ofSeconds(1));
        db.tenant(acme.id()).trail().record(ana.id(), home.id());
        db.inTenant(acme.id(), Actor.system(), IdempotencyKey.of("import-42"), ResultCodec.text(), tx -> {
            tx.usage().increment("imports", 1);
            return "done";
        });
        db.inTenant(globex.id(), Actor.system(), tx -> {
            tx.memberships().add(bob.id(), OrgRole.OWNER);
            tx.roles().create(new NewRole("auditor", "Auditor"));
            return null;
        });

        IssuedSession session = db.sessions().create(new NewSession(ana.id(), Optional.of(acme.id()), Optional.of("laptop"), Optional.of("10.0.0.1"),
                Optional.of("Mozilla/5.0"), clock.instant().plus(Duration.ofDays(7))));
        clock.advance(Duration.ofMinutes(1));
        db.sessions().refresh(session.refreshToken());
        db.sessions().create(NewSession.of(bob.id(), clock.instant().plus(Duration.ofHours(1))));
        IssuedMagicLink link = db.magicLinks().create("ana@example.com", "login", Duration.ofMinutes(15));
        db.magicLinks().create("eve@example.com", "invite", Duration.ofMinutes(15));
        db.magicLinks().consume(link.challenge().id(), link.token());
        db.rateLimits().hit("login:ana@example.com", 5, Duration.ofMinutes(1));
        db.rateLimits().hit("login:ana@example.com", 5, Duration.ofMinutes(1));
        db.rateLimits().hit("signup:10.0.0.1", 5, Duration.ofHours(1));
        db.privacy().exportUser(bob.id());
        clock.advance(Duration.ofSeconds(1));
    }
}
