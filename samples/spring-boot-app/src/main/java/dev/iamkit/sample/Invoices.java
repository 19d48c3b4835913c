package dev.iamkit.sample;

import dev.iamkit.IamDatabase;
import dev.iamkit.model.Actor;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Role;
import dev.iamkit.model.UserId;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The sample's business: invoices in its own table, and who may approve them, in iamkit. */
@Service
public class Invoices {
    /** The role whose holders approve an organization's invoices. */
    public static final String APPROVER = "invoice-approver";
    private final JdbcTemplate jdbc;
    private final IamDatabase iam;

    public Invoices(JdbcTemplate jdbc, IamDatabase iam) {
        this.jdbc = jdbc;
        this.iam = iam;
    }

    public record Invoice(int number, long amountCents) {
    }

    /** Refused: nothing of the request is kept. */
    @ResponseStatus(HttpStatus.UNPROCESSABLE_CONTENT)
    public static class Rejected extends RuntimeException {
        Rejected(String message) {
            super(message);
        }
    }

    public List<Invoice> list(OrgId org) {
        return jdbc.query("SELECT number, amount_cents FROM invoice WHERE org_id = ? ORDER BY number",
                (rs, i) -> new Invoice(rs.getInt(1), rs.getLong(2)), org.value());
    }

    /**
     * Issues an invoice and makes {@code approver} one of the organization's approvers, in one
     * transaction: iamkit's change joins it, so a refusal after both writes undoes both.
     */
    @Transactional
    public Invoice issue(OrgId org, Invoice invoice, UserId approver, UserId issuedBy) {
        jdbc.update("INSERT INTO invoice (org_id, number, amount_cents) VALUES (?, ?, ?)", org.value(), invoice.number(), invoice.amountCents());
        iam.inTenant(org, Actor.user(issuedBy), tx -> {
            Role approvers = tx.roles().findByCode(APPROVER).orElseThrow(() -> new Rejected("the organization has no approver role"));
            return tx.assignments().assign(approvers.id(), approver);
        });
        if (invoice.amountCents() <= 0) {
            throw new Rejected("an invoice must be for a positive amount");
        }
        return invoice;
    }
}
