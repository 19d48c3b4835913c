package dev.iamkit.sample;

import dev.iamkit.model.OrgId;
import dev.iamkit.model.UserId;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Typed ids straight from the path (the starter's converter), checks by feature code. */
@RestController
class InvoiceController {
    private final Invoices invoices;

    InvoiceController(Invoices invoices) {
        this.invoices = invoices;
    }

    @GetMapping("/orgs/{orgId}/invoices")
    @PreAuthorize("hasPermission(#orgId, 'invoices', 'read')")
    List<Invoices.Invoice> list(@PathVariable OrgId orgId) {
        return invoices.list(orgId);
    }

    @PostMapping("/orgs/{orgId}/invoices")
    @PreAuthorize("hasPermission(#orgId, 'invoices', 'create')")
    Invoices.Invoice issue(@PathVariable OrgId orgId, @RequestParam UserId approver, @RequestBody Invoices.Invoice invoice,
                           Authentication who) {
        return invoices.issue(orgId, invoice, approver, UserId.parse(who.getName()));
    }
}
