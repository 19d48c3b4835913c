package dev.iamkit.model;

import java.util.List;

/** What {@link dev.iamkit.store.PrivacyStore#exportUser} writes: no secrets, only metadata of sessions, keys and challenges. */
public record UserExport(User user, List<OrgExport> organizations, List<Session> sessions, List<MagicLinkChallenge> magicLinks,
        List<Consent> consents, List<PrivacyRequest> privacyRequests) {
    public UserExport {
        Validate.notNull("user", user);
        organizations = List.copyOf(organizations);
        sessions = List.copyOf(sessions);
        magicLinks = List.copyOf(magicLinks);
        consents = List.copyOf(consents);
        privacyRequests = List.copyOf(privacyRequests);
    }

    /** An export without consents or privacy requests. */
    public UserExport(User user, List<OrgExport> organizations, List<Session> sessions, List<MagicLinkChallenge> magicLinks) {
        this(user, organizations, sessions, magicLinks, List.of(), List.of());
    }

    /** This export with the user's consent decisions and privacy requests (each newest first). */
    public UserExport withPrivacy(List<Consent> consents, List<PrivacyRequest> privacyRequests) {
        return new UserExport(user, organizations, sessions, magicLinks, consents, privacyRequests);
    }

    /**
     * The user's data in one organization: the membership (absent when the user only created keys
     * or appears in its audit trail), teams by id, direct assignments, API keys created by the
     * user, the trail (newest first) and audit events by the user or about the user (by seq).
     */
    public record OrgExport(OrgId orgId, String slug, java.util.Optional<Membership> membership, List<TeamId> teams,
            List<Assignment> assignments, List<ApiKey> apiKeys, List<TrailEntry> trail, List<AuditEvent> auditEvents) {
        public OrgExport {
            Validate.notNull("orgId", orgId);
            Validate.string("slug", slug);
            membership = Validate.present("membership", membership);
            teams = List.copyOf(teams);
            assignments = List.copyOf(assignments);
            apiKeys = List.copyOf(apiKeys);
            trail = List.copyOf(trail);
            auditEvents = List.copyOf(auditEvents);
        }

        /** Whether the organization holds nothing about the user, and is left out of the export. */
        public boolean empty() {
            return membership.isEmpty() && apiKeys.isEmpty() && auditEvents.isEmpty();
        }
    }
}
