-- can_all (V12, V29) takes its checks as two arrays. With their sizes unknown, the planner priced a
-- generic plan of its statement far above a custom one for the arrays at hand, so plpgsql planned
-- the statement again at every call, with held_roles and member_open inlined: about 1.1 ms a call
-- on the bench machine, against 80 us for can(), whatever the number of checks. The plan's shape
-- does not depend on the arrays (one pass over their elements, each answered by index lookups), so
-- the function now always uses the generic plan, which the session keeps: 82 us for one check,
-- 146 us for four, in the same loop. can() and can_view() take no array and already kept theirs.
-- A later CREATE OR REPLACE of can_all resets the setting: it must say SET plan_cache_mode again
-- (IamMigrationsTest checks the function holds it).
ALTER FUNCTION can_all(uuid, uuid, uuid[], text[], timestamptz) SET plan_cache_mode = force_generic_plan;

-- A function's setting holds for what it calls. On Citus, can_all answers through checks_on_citus,
-- and Citus 13.2 refuses a generic plan of its statements ("could not create distributed plan";
-- tried on the cluster with the forced mode), so the Citus path plans as the server's default says,
-- whoever calls it.
ALTER FUNCTION checks_on_citus(uuid, uuid, uuid[], text[], timestamptz) SET plan_cache_mode = auto;
