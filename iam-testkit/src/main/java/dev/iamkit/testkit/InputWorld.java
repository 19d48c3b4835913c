package dev.iamkit.testkit;

import dev.iamkit.IamDatabase;
import dev.iamkit.TenantScope;
import dev.iamkit.TenantWork;
import dev.iamkit.retry.IdempotencyKey;
import dev.iamkit.retry.ResultCodec;
import dev.iamkit.authz.Consistency;
import dev.iamkit.model.Actor;
import dev.iamkit.model.AuditCheckpoint;
import dev.iamkit.model.AuditQuery;
import dev.iamkit.model.Feature;
import dev.iamkit.model.Grant;
import dev.iamkit.model.IssuedApiKey;
import dev.iamkit.model.IssuedSession;
import dev.iamkit.model.MagicLinkId;
import dev.iamkit.model.MenuItem;
import dev.iamkit.model.Module;
import dev.iamkit.model.NewApiKey;
import dev.iamkit.model.NewConsent;
import dev.iamkit.model.NewFeature;
import dev.iamkit.model.NewMenuItem;
import dev.iamkit.model.NewModule;
import dev.iamkit.model.NewOrganization;
import dev.iamkit.model.NewPrivacyRequest;
import dev.iamkit.model.NewRole;
import dev.iamkit.model.NewSession;
import dev.iamkit.model.NewTeam;
import dev.iamkit.model.NewUser;
import dev.iamkit.model.NewView;
import dev.iamkit.model.OrgRole;
import dev.iamkit.model.Organization;
import dev.iamkit.model.PageRequest;
import dev.iamkit.model.Permission;
import dev.iamkit.model.Principal;
import dev.iamkit.model.PrivacyRequestId;
import dev.iamkit.model.Role;
import dev.iamkit.model.Team;
import dev.iamkit.model.User;
import dev.iamkit.model.View;
import dev.iamkit.model.ViewAccess;
import dev.iamkit.testkit.ApiSurface.Leaf;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A small world written into one store through its public API — an organization with a member,
 * the catalog, a role, a team, a menu item, an API key, a session and a magic link — and the
 * means to call any {@link ApiSurface.Leaf} with one input: every other argument is a valid
 * default made here (a fresh read of the seeded record where the API takes a stored record, a
 * new name from a counter where it creates something). Two worlds driven by the same calls in
 * the same order make the same calls, so their results can be compared.
 */
public final class InputWorld {
    public final IamDatabase db;
    public final Organization acme;
    public final User ana;
    public final Module billing;
    public final Feature invoices;
    public final View dashboard;
    public final Role clerk;
    public final Team ops;
    public final MenuItem menu;
    public final IssuedApiKey key;
    public final IssuedSession session;
    public final MagicLinkId link;
    /** An open privacy request about ana, received by e-mail. */
    public final PrivacyRequestId request;
    private int serial;

    private InputWorld(IamDatabase db) {
        this.db = db;
        acme = db.organizations().create(new NewOrganization("acme", "Acme").withSettings(Map.of("theme", "dark")));
        ana = db.users().create(new NewUser("ana@example.com", "Ana"));
        billing = db.catalog().modules().create(new NewModule("billing", "Billing"));
        invoices = db.catalog().features().create(new NewFeature("invoices", "Invoices", List.of("read", "write")));
        dashboard = db.catalog().views().create(new NewView("dashboard", "Dashboard", "/dashboard"));
        db.catalog().linkFeature(billing.id(), invoices.id());
        db.catalog().linkView(billing.id(), dashboard.id());
        menu = db.navigation().create(NewMenuItem.link(dashboard.id(), "Dashboard", 0));
        TenantScope t = db.tenant(acme.id());
        t.entitlements().entitle(billing.id());
        t.memberships().add(ana.id(), OrgRole.MEMBER);
        clerk = t.roles().create(new NewRole("clerk", "Clerk"));
        t.grants().grant(clerk.id(), Grant.allow(invoices, "read"));
        t.assignments().assign(clerk.id(), ana.id());
        ops = t.teams().create(new NewTeam("Ops"));
        t.teams().addMember(ops.id(), ana.id());
        key = t.apiKeys().create(new NewApiKey("deploys", List.of("invoices:read")));
        session = db.sessions().create(NewSession.of(ana.id(), db.clock().instant().plus(Duration.ofDays(30))));
        link = db.magicLinks().create("ana@example.com", "login", Duration.ofMinutes(15)).challenge().id();
        request = db.privacy().requests().receive(NewPrivacyRequest.export(ana.id(), "email")).id();
    }

    public static InputWorld seed(IamDatabase db) {
        return new InputWorld(db);
    }

    /**
     * Calls {@code leaf} with {@code input} in its place (already shaped for the leaf's kind, see
     * {@link #shape}) and every other argument a default; a group the call returns (a
     * {@link TenantScope}) is used for one audited write, so what the input configured reaches
     * the store. Exceptions of the call are thrown unwrapped.
     */
    public Object call(Leaf leaf, Object input) {
        serial++;
        Object receiver = db;
        for (Method step : leaf.route().steps()) {
            receiver = invoke(step, receiver, defaults(step, -1, null, List.of()));
        }
        Object result = invoke(leaf.method(), receiver, defaults(leaf.method(), leaf.parameter(), input, leaf.components()));
        if (result instanceof TenantScope scope) {
            return scope.roles().create(new NewRole("via-" + serial, "Via"));
        }
        return result;
    }

    /** {@code input} as the leaf's kind takes it: a list for collections, present for optionals; settings maps are made by the caller. */
    public static Object shape(Leaf leaf, String input) {
        return switch (leaf.kind()) {
            case STRING -> input;
            case OPTIONAL_STRING -> Optional.ofNullable(input);
            case STRINGS -> SortedSet.class.isAssignableFrom(ApiSurface.raw(leaf.type()))
                    ? (input == null ? null : new TreeSet<>(List.of(input)))
                    : Arrays.asList(input);
            case SETTINGS -> throw new IllegalArgumentException("settings inputs are maps, made by the caller");
        };
    }

    private Object[] defaults(Method m, int target, Object input, List<String> components) {
        Type[] types = m.getGenericParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            Object value = ApiSurface.raw(types[i]) == String.class ? defaultString(m.getParameters()[i].getName()) : defaultOf(types[i]);
            args[i] = i == target ? replace(value, types[i], components, input) : value;
        }
        return args;
    }

    /** {@code current} with the component at {@code path} replaced by {@code input}; records are rebuilt through their canonical constructor. */
    private static Object replace(Object current, Type type, List<String> path, Object input) {
        if (path.isEmpty()) {
            return input;
        }
        String head = path.get(0);
        List<String> tail = path.subList(1, path.size());
        if (head.equals("[]")) {
            Object first = ((Collection<?>) current).iterator().next();
            return List.of(replace(first, ApiSurface.argument(type, 0), tail, input));
        }
        Class<?> raw = ApiSurface.raw(type);
        RecordComponent[] components = raw.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = invoke(components[i].getAccessor(), current);
            if (components[i].getName().equals(head)) {
                values[i] = replace(values[i], components[i].getGenericType(), tail, input);
            }
        }
        try {
            return raw.getDeclaredConstructor(types).newInstance(values);
        } catch (InvocationTargetException e) {
            throw unchecked(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid string for a parameter of this name. */
    private String defaultString(String name) {
        return switch (name) {
            case "email" -> "ana@example.com";
            case "purpose" -> "login";
            case "metric" -> "api.calls";
            case "action" -> "read";
            case "code", "featureCode" -> "invoices";
            case "path" -> "/dashboard";
            default -> name + "-" + serial;
        };
    }

    /** A valid argument of {@code type}: the seeded world's ids and records, or something new and unique. */
    private Object defaultOf(Type type) {
        Class<?> raw = ApiSurface.raw(type);
        String n = String.valueOf(serial);
        if (raw == Optional.class) {
            return Optional.empty();
        }
        if (raw == Collection.class || raw == List.class) {
            Class<?> element = ApiSurface.raw(ApiSurface.argument(type, 0));
            return element == ViewAccess.class ? List.of(ViewAccess.allow(dashboard.id())) : List.of(defaultOf(element));
        }
        Object value = switch (raw.getSimpleName()) {
            case "int", "Integer" -> 5;
            case "long", "Long" -> 1L;
            case "boolean", "Boolean" -> true;
            case "Duration" -> Duration.ofMinutes(15);
            case "LocalDate" -> LocalDate.of(2030, 1, 1);
            case "Instant" -> db.clock().instant().plus(Duration.ofHours(1));
            case "OrgId" -> acme.id();
            case "UserId" -> ana.id();
            case "ModuleId" -> billing.id();
            case "FeatureId" -> invoices.id();
            case "ViewId" -> dashboard.id();
            case "RoleId" -> clerk.id();
            case "TeamId" -> ops.id();
            case "MenuItemId" -> menu.id();
            case "ApiKeyId" -> key.key().id();
            case "SessionId" -> session.session().id();
            case "MagicLinkId" -> link;
            case "PrivacyRequestId" -> request;
            case "NewConsent" -> NewConsent.given("terms", "v" + n, "api");
            case "NewPrivacyRequest" -> NewPrivacyRequest.export(ana.id(), "email");
            case "Principal" -> Principal.user(ana.id());
            case "PageRequest" -> PageRequest.first(10);
            case "Consistency" -> Consistency.full();
            case "Actor" -> Actor.user(ana.id());
            case "AuditQuery" -> AuditQuery.all();
            case "AuditCheckpoint" -> db.tenant(acme.id()).audit().checkpoint();
            case "Grant" -> Grant.allow(invoices.id(), "read");
            case "Permission" -> Permission.of(invoices.id(), "read");
            case "ViewAccess" -> ViewAccess.allow(dashboard.id());
            case "IdempotencyKey" -> IdempotencyKey.of("key-" + n);
            case "ResultCodec" -> ResultCodec.none();
            case "TenantWork" -> (TenantWork<Role>) tx -> tx.roles().create(new NewRole("work-" + n, "Work"));
            case "NewOrganization" -> new NewOrganization("org-" + n, "Org " + n);
            case "NewUser" -> new NewUser("user" + n + "@example.com", "User " + n);
            case "NewModule" -> new NewModule("module-" + n, "Module " + n);
            case "NewFeature" -> new NewFeature("feature-" + n, "Feature " + n, List.of("read"));
            case "NewView" -> new NewView("view-" + n, "View " + n, "/view-" + n);
            case "NewRole" -> new NewRole("role-" + n, "Role " + n);
            case "NewTeam" -> new NewTeam("Team " + n);
            case "NewMenuItem" -> NewMenuItem.group("Group " + n, 1);
            case "NewApiKey" -> new NewApiKey("key " + n, List.of("invoices:read"));
            case "NewSession" -> NewSession.of(ana.id(), db.clock().instant().plus(Duration.ofDays(1)));
            case "Organization" -> db.organizations().find(acme.id()).orElseThrow();
            case "User" -> db.users().find(ana.id()).orElseThrow();
            case "Module" -> db.catalog().modules().find(billing.id()).orElseThrow();
            case "Feature" -> db.catalog().features().find(invoices.id()).orElseThrow();
            case "View" -> db.catalog().views().find(dashboard.id()).orElseThrow();
            case "Role" -> db.tenant(acme.id()).roles().find(clerk.id()).orElseThrow();
            case "Team" -> db.tenant(acme.id()).teams().find(ops.id()).orElseThrow();
            case "MenuItem" -> db.navigation().find(menu.id()).orElseThrow();
            case "Membership" -> db.tenant(acme.id()).memberships().find(ana.id()).orElseThrow();
            default -> null;
        };
        if (value == null) {
            throw new IllegalStateException("InputWorld has no default " + type.getTypeName()
                    + ": a method with a string input takes it; add a default so the input is tested");
        }
        return value;
    }

    /**
     * What the store holds that a string input can have reached: organizations, users, the
     * catalog, menus, the organization's teams, roles, members, keys and grants, the member's
     * sessions and the magic link — and with {@code withAudit}, the organization's audit trail.
     */
    public List<Object> holdings(boolean withAudit) {
        PageRequest all = PageRequest.first(PageRequest.MAX_LIMIT);
        TenantScope t = db.tenant(acme.id());
        List<Object> held = new java.util.ArrayList<>(List.of(
                db.organizations().list(all), db.users().list(all), db.catalog().modules().list(),
                db.catalog().features().list(), db.catalog().views().list(), db.navigation().list(),
                t.teams().list(all), t.roles().list(all), t.memberships().list(all), t.apiKeys().list(),
                t.grants().list(clerk.id()), db.sessions().listActive(ana.id()), db.magicLinks().find(link), db.credentials().info(ana.id()),
                db.consents().history(ana.id(), all), db.privacy().requests().recent(all)));
        if (withAudit) {
            held.add(t.audit().list(all));
        }
        return held;
    }

    /** Every id the world made, with a name, so results of two stores can be compared. */
    public Map<String, String> names() {
        Map<String, String> names = new java.util.HashMap<>();
        names.put(acme.id().toString(), "acme");
        names.put(ana.id().toString(), "ana");
        names.put(billing.id().toString(), "billing");
        names.put(invoices.id().toString(), "invoices");
        names.put(dashboard.id().toString(), "dashboard");
        names.put(clerk.id().toString(), "clerk");
        names.put(ops.id().toString(), "ops");
        names.put(menu.id().toString(), "menu");
        names.put(key.key().id().toString(), "key");
        names.put(session.session().id().toString(), "session");
        names.put(link.toString(), "link");
        names.put(request.toString(), "request");
        return names;
    }

    private static Object invoke(Method m, Object target, Object... args) {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw unchecked(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
