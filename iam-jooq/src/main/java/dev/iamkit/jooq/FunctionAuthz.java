package dev.iamkit.jooq;

import dev.iamkit.error.StorageException;
import dev.iamkit.authz.Authz;
import dev.iamkit.authz.Decision;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.Permission;
import dev.iamkit.model.UserId;
import dev.iamkit.model.Validate;
import dev.iamkit.model.ViewId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.UUID;

/**
 * Checks read from the database in one round trip each: a call of a V6 function, a fixed
 * statement whose plan the server keeps (the driver prepares it on the server after a few uses,
 * and the function's query plan is cached in the session), bound and run over JDBC without
 * building a query each time. The questions that need the reasons or the
 * whole picture (explain, effective permissions, accessible views) go to {@code snapshots}.
 */
final class FunctionAuthz implements Authz {
    private final TenantContext ctx;
    private final AccessFunctions functions;
    private final Authz snapshots;

    FunctionAuthz(TenantContext ctx, AccessFunctions functions, Authz snapshots) {
        this.ctx = ctx;
        this.functions = functions;
        this.snapshots = snapshots;
    }

    /** Runs {@code call} with {@code args} on the scope's connection and reads its one value. */
    private <T> T call(String call, Class<T> type, Object... args) {
        return ctx.runner.selfScoped(sql -> sql.connectionResult(c -> {
            try (PreparedStatement ps = c.prepareStatement(call)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return type.cast(rs.getObject(1));
                }
            }
        }));
    }

    private OffsetDateTime now() {
        return Times.db(ctx.now());
    }

    @Override
    public boolean check(UserId user, FeatureId feature, String action) {
        Validate.notNull("userId", user);
        Permission p = new Permission(feature, action);   // validates feature and action
        return Boolean.TRUE.equals(call(functions.canCall, Boolean.class, ctx.org.value(), user.value(), p.featureId().value(), p.action(), now()));
    }

    @Override
    public boolean check(UserId user, String featureCode, String action) {
        Validate.notNull("userId", user);
        String code = Validate.code("featureCode", featureCode);
        String a = Validate.action("action", action);
        return Boolean.TRUE.equals(call(functions.canByCodeCall, Boolean.class, ctx.org.value(), user.value(), code, a, now()));
    }

    @Override
    public Map<Permission, Boolean> checkAll(UserId user, Collection<Permission> permissions) {
        Validate.notNull("userId", user);
        Validate.notNull("permissions", permissions);
        permissions.forEach(p -> Validate.notNull("permissions", p));
        List<Permission> asked = new ArrayList<>(new LinkedHashSet<>(permissions));
        if (asked.isEmpty()) {
            return Map.of();
        }
        UUID[] features = asked.stream().map(p -> p.featureId().value()).toArray(UUID[]::new);
        String[] actions = asked.stream().map(Permission::action).toArray(String[]::new);
        Boolean[] answers = ctx.runner.selfScoped(sql -> sql.connectionResult(c -> {
            try (PreparedStatement ps = c.prepareStatement(functions.canAllCall)) {
                ps.setObject(1, ctx.org.value());
                ps.setObject(2, user.value());
                ps.setArray(3, c.createArrayOf("uuid", features));
                ps.setArray(4, c.createArrayOf("text", actions));
                ps.setObject(5, now());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    java.sql.Array a = rs.getArray(1);
                    return a == null ? null : (Boolean[]) a.getArray();
                }
            }
        }));
        if (answers == null || answers.length != asked.size()) {
            throw new StorageException(StorageException.Kind.REJECTED, "can_all answered " + (answers == null ? "nothing" : answers.length + " values") + " for " + asked.size() + " checks");
        }
        Map<Permission, Boolean> out = new LinkedHashMap<>();
        for (int i = 0; i < asked.size(); i++) {
            out.put(asked.get(i), Boolean.TRUE.equals(answers[i]));
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public Decision explain(UserId user, FeatureId feature, String action) {
        return snapshots.explain(user, feature, action);
    }

    @Override
    public SortedSet<Permission> effectivePermissions(UserId user) {
        return snapshots.effectivePermissions(user);
    }

    @Override
    public boolean canAccessView(UserId user, ViewId view) {
        Validate.notNull("userId", user);
        Validate.notNull("viewId", view);
        return Boolean.TRUE.equals(call(functions.canViewCall, Boolean.class, ctx.org.value(), user.value(), view.value(), now()));
    }

    @Override
    public Decision explainView(UserId user, ViewId view) {
        return snapshots.explainView(user, view);
    }

    @Override
    public SortedSet<ViewId> accessibleViews(UserId user) {
        return snapshots.accessibleViews(user);
    }
}
