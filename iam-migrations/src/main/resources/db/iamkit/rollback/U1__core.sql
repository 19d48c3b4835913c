-- Undoes V1: drops every table it created (and their data).
DROP TABLE IF EXISTS audit_event, team_assignment, user_assignment, view_grant, feature_grant, role,
    team_member, team, membership, entitlement, org_counter, feature_view, module_view, module_feature,
    catalog_view, feature_action, feature, module, app_user, organization;
