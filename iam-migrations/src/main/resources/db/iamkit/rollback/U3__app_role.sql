-- Undoes V3: the role keeps existing (other schemas may use it); its rights here go.
REVOKE ALL ON ALL TABLES IN SCHEMA "${flyway:defaultSchema}" FROM "${appRole}";
REVOKE USAGE ON SCHEMA "${flyway:defaultSchema}" FROM "${appRole}";
