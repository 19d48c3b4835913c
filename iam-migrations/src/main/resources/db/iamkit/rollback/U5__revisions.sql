-- Undoes V5: the notification triggers, their functions and the revision column.
DROP TRIGGER IF EXISTS module_view_access ON module_view;
DROP TRIGGER IF EXISTS module_feature_access ON module_feature;
DROP TRIGGER IF EXISTS catalog_view_access ON catalog_view;
DROP TRIGGER IF EXISTS feature_action_access ON feature_action;
DROP TRIGGER IF EXISTS feature_access ON feature;
DROP TRIGGER IF EXISTS module_access ON module;
DROP TRIGGER IF EXISTS app_user_removal ON app_user;
DROP TRIGGER IF EXISTS app_user_access ON app_user;
DROP TRIGGER IF EXISTS org_counter_revision ON org_counter;
DROP FUNCTION IF EXISTS notify_global_change();
DROP FUNCTION IF EXISTS notify_revision();
ALTER TABLE org_counter DROP COLUMN IF EXISTS revision;
