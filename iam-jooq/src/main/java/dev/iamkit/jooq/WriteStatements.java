package dev.iamkit.jooq;

import org.jooq.conf.Settings;

/** The statements of the write path that a store renders once, when it is built ({@link Rendered}). */
final class WriteStatements {
    final AuditAppend audit;
    final AssignmentSql assignments;
    final RoleSql roles;
    final GrantSql grants;
    final GrantOneSql grantOne;

    WriteStatements(Settings settings) {
        this.audit = new AuditAppend(settings);
        this.assignments = new AssignmentSql(settings);
        this.roles = new RoleSql(settings);
        this.grants = new GrantSql(settings);
        this.grantOne = new GrantOneSql(settings);
    }
}
