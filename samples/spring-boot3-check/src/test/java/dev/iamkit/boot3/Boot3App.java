package dev.iamkit.boot3;

import dev.iamkit.IamDatabase;
import dev.iamkit.model.Actor;
import dev.iamkit.model.FeatureId;
import dev.iamkit.model.Grant;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.RoleId;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A small Spring Boot 3.5 application on the starter. */
@SpringBootApplication
@EnableMethodSecurity
class Boot3App {

    @RestController
    static class Reports {
        @GetMapping("/orgs/{orgId}/reports")
        @PreAuthorize("hasPermission(#orgId, 'reports:read')")
        String list(@PathVariable OrgId orgId) {
            return "reports of " + orgId;
        }
    }

    @Service
    static class Publishing {
        private final JdbcTemplate jdbc;
        private final IamDatabase iam;

        Publishing(JdbcTemplate jdbc, IamDatabase iam) {
            this.jdbc = jdbc;
            this.iam = iam;
        }

        /** A report row and a grant in one transaction, given up at the end. */
        @Transactional
        public void publishThenFail(OrgId org, RoleId role, FeatureId reports, int id) {
            jdbc.update("INSERT INTO report (org_id, id) VALUES (?, ?)", org.value(), id);
            iam.inTenant(org, Actor.system(), tx -> tx.grants().grant(role, Grant.allow(reports, "publish")));
            throw new IllegalStateException("not today");
        }
    }
}
