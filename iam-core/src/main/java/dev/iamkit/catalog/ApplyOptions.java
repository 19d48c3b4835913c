package dev.iamkit.catalog;

import dev.iamkit.error.ValidationException;
import dev.iamkit.model.Actor;
import dev.iamkit.model.OrgId;
import dev.iamkit.model.Validate;
import java.util.Optional;

/**
 * How a catalog file is planned and applied. {@code prune}: remove what the store holds and the
 * file does not (without it, such entries are kept and listed as kept). Role templates go to one
 * organization ({@code org}), to every organization that is not deleted ({@code allOrgs}), or
 * nowhere (neither). {@code actor} is recorded in the organizations' audit trails.
 */
public record ApplyOptions(boolean prune, Optional<OrgId> org, boolean allOrgs, Actor actor) {
    public ApplyOptions {
        org = Validate.present("org", org);
        Validate.notNull("actor", actor);
        if (allOrgs && org.isPresent()) {
            throw new ValidationException("org", "name one organization or all of them, not both");
        }
    }

    /** The catalog and the menu only, nothing removed, role templates applied nowhere. */
    public static ApplyOptions defaults() {
        return new ApplyOptions(false, Optional.empty(), false, Actor.system());
    }

    public ApplyOptions withPrune(boolean v) {
        return new ApplyOptions(v, org, allOrgs, actor);
    }

    /** Role templates go to {@code v} only. */
    public ApplyOptions forOrg(OrgId v) {
        return new ApplyOptions(prune, Optional.of(Validate.notNull("org", v)), false, actor);
    }

    /** Role templates go to every organization that is not deleted. */
    public ApplyOptions forAllOrgs() {
        return new ApplyOptions(prune, Optional.empty(), true, actor);
    }

    public ApplyOptions withActor(Actor v) {
        return new ApplyOptions(prune, org, allOrgs, v);
    }
}
