package dev.iamkit.bench;

import dev.iamkit.IamDatabase;
import dev.iamkit.model.Actor;
import dev.iamkit.model.Feature;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.Grant;
import dev.iamkit.model.Module;
import dev.iamkit.model.NewFeature;
import dev.iamkit.model.NewModule;
import dev.iamkit.model.NewOrganization;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.NewTeam;
import dev.iamkit.model.NewUser;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.OrgRole;
import dev.iamkit.model.Role;
import dev.iamkit.model.RoleId;
import dev.iamkit.model.Team;
import dev.iamkit.model.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The organization the benchmarks ask about, built through the public API of either store: a
 * user who holds a role directly and another through a team, the role including a second one,
 * 50 features of 40 actions each in one entitled module, and a role with 40 grants; two disjoint
 * sets of 10 and two of 1000 grants for the replace benchmarks. The checked
 * permission is granted through the included role, so a check walks every rule.
 */
record World(OrgId org, UserId user, FeatureId feature, String action, RoleId spareRole, List<Grant> ten, List<Grant> otherTen,
        List<Grant> thousand, List<Grant> otherThousand) {

    static World create(IamDatabase db) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        OrgId org = db.organizations().create(new NewOrganization("bench-" + tag, "Bench " + tag)).id();
        UserId user = db.users().create(new NewUser("bench-" + tag + "@example.com", "Bench user")).id();
        UserId colleague = db.users().create(new NewUser("colleague-" + tag + "@example.com", "Colleague")).id();
        Module module = db.catalog().modules().create(new NewModule("bench-" + tag, "Bench"));
        List<String> actions = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            actions.add("a" + i);
        }
        List<Feature> features = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Feature f = db.catalog().features().create(new NewFeature("bench-" + tag + "-f" + i, "Feature " + i, actions));
            db.catalog().linkFeature(module.id(), f.id());
            features.add(f);
        }
        List<Grant> ten = new ArrayList<>();
        List<Grant> all = new ArrayList<>();
        for (Feature f : features) {
            for (String a : actions) {
                if (ten.size() < 10) {
                    ten.add(Grant.allow(f, a));
                }
                all.add(Grant.allow(f, a));
            }
        }
        List<Grant> otherTen = all.subList(10, 20);
        List<Grant> thousand = all.subList(0, 1000);
        List<Grant> otherThousand = all.subList(1000, 2000);
        RoleId spare = db.inTenant(org, Actor.system(), tx -> {
            tx.entitlements().entitle(module.id());
            tx.memberships().add(user, OrgRole.MEMBER);
            tx.memberships().add(colleague, OrgRole.MEMBER);
            Role clerk = tx.roles().create(new NewRole("clerk", "Clerk"));
            Role reader = tx.roles().create(new NewRole("reader", "Reader"));
            tx.grants().replace(clerk.id(), thousand.subList(0, 40));
            tx.grants().replace(reader.id(), List.of(Grant.allow(features.get(3), "a7")));
            tx.roles().include(clerk.id(), reader.id());
            tx.assignments().assign(clerk.id(), user);
            Team team = tx.teams().create(new NewTeam("Bench team"));
            tx.teams().addMember(team.id(), user);
            tx.teams().addMember(team.id(), colleague);
            tx.assignments().assign(reader.id(), team.id());
            return tx.roles().create(new NewRole("spare", "Spare")).id();
        });
        return new World(org, user, features.get(3).id(), "a7", spare, List.copyOf(ten), List.copyOf(otherTen), List.copyOf(thousand),
                List.copyOf(otherThousand));
    }
}
