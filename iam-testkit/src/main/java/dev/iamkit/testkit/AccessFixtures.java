package dev.iamkit.testkit;

import dev.iamkit.IamDatabase;
import dev.iamkit.model.AuditEvent;
import dev.iamkit.model.Feature;
import dev.iamkit.model.Grant;
import dev.iamkit.model.Membership;
import dev.iamkit.model.MembershipStatus;
import dev.iamkit.model.Module;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.OrgRole;
import dev.iamkit.model.OrgStatus;
import dev.iamkit.model.Organization;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Page;
import dev.iamkit.model.Principal;
import dev.iamkit.model.Role;
import dev.iamkit.model.Team;
import dev.iamkit.model.User;
import dev.iamkit.model.UserStatus;
import dev.iamkit.model.View;
import dev.iamkit.model.ViewAccess;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Builders shared by the authorization, audit, transaction, concurrency and isolation contracts.
 * Everything is written through the public API of the store under test, with the system actor.
 */
final class AccessFixtures {
    private final IamDatabase db;
    private final TestData data;

    AccessFixtures(IamDatabase db, TestData data) {
        this.db = db;
        this.data = data;
    }

    /** A random id no store has made. */
    static OrgId unknownOrg() {
        return OrgId.of(UUID.randomUUID());
    }

    /** A new module containing the features, not entitled to anyone. */
    Module moduleWith(Feature... features) {
        Module m = data.module();
        for (Feature f : features) {
            db.catalog().linkFeature(m.id(), f.id());
        }
        return m;
    }

    /** A new module containing the features, which {@code org} is entitled to (enabled, no expiry). */
    Module entitledModule(OrgId org, Feature... features) {
        Module m = moduleWith(features);
        db.tenant(org).entitlements().entitle(m.id());
        return m;
    }

    /** A new module containing the views, which {@code org} is entitled to. */
    Module entitledViewModule(OrgId org, View... views) {
        Module m = data.module();
        for (View v : views) {
            db.catalog().linkView(m.id(), v.id());
        }
        db.tenant(org).entitlements().entitle(m.id());
        return m;
    }

    Role role(OrgId org, Grant... grants) {
        return data.role(org, grants);
    }

    /** A role with these view grants only. */
    Role viewRole(OrgId org, ViewAccess... views) {
        Role r = data.role(org);
        db.tenant(org).grants().replaceViews(r.id(), List.of(views));
        return r;
    }

    void assign(OrgId org, Role role, User user) {
        db.tenant(org).assignments().assign(role.id(), user.id());
    }

    void assign(OrgId org, Role role, Team team) {
        db.tenant(org).assignments().assign(role.id(), team.id());
    }

    void assignUntil(OrgId org, Role role, Principal principal, Instant expiresAt) {
        db.tenant(org).assignments().assign(role.id(), principal, Optional.of(expiresAt));
    }

    /** A new team of {@code org} with these members (who must be members of the organization). */
    Team team(OrgId org, User... members) {
        Team t = data.team(org);
        for (User u : members) {
            db.tenant(org).teams().addMember(t.id(), u.id());
        }
        return t;
    }

    /** A new active member of {@code org} holding a new role with these grants through a new team. */
    User teamMemberWith(OrgId org, Grant... grants) {
        User u = data.member(org);
        Team t = team(org, u);
        assign(org, role(org, grants), t);
        return u;
    }

    /** Sets a user's account status (reading the current version first). */
    User setStatus(User user, UserStatus status) {
        User current = db.users().find(user.id()).orElseThrow();
        return db.users().update(current.withStatus(status));
    }

    /** Sets an organization's status (reading the current version first). */
    Organization setStatus(OrgId org, OrgStatus status) {
        Organization current = db.organizations().find(org).orElseThrow();
        return db.organizations().update(current.withStatus(status));
    }

    /** Sets a membership's status (reading the current version first). */
    Membership setStatus(OrgId org, User user, MembershipStatus status) {
        Membership current = db.tenant(org).memberships().find(user.id()).orElseThrow();
        return db.tenant(org).memberships().update(current.withStatus(status));
    }

    /** A new user invited to {@code org} (membership {@code INVITED}). */
    User invited(OrgId org) {
        User u = data.user();
        db.tenant(org).memberships().invite(u.id(), OrgRole.MEMBER);
        return u;
    }

    /** The whole audit trail of {@code org}, every page, oldest first. */
    List<AuditEvent> audit(OrgId org) {
        List<AuditEvent> all = new ArrayList<>();
        Optional<PageRequest> next = Optional.of(PageRequest.first(PageRequest.MAX_LIMIT));
        while (next.isPresent()) {
            Page<AuditEvent> page = db.tenant(org).audit().list(next.get());
            all.addAll(page.items());
            next = page.next();
        }
        return all;
    }

    /** The events of {@code org} appended after the first {@code skip}. */
    List<AuditEvent> auditSince(OrgId org, int skip) {
        List<AuditEvent> all = audit(org);
        return all.subList(Math.min(skip, all.size()), all.size());
    }
}
