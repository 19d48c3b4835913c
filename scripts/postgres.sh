# Sourced by ./run-tests: make sure a PostgreSQL server answers on 127.0.0.1:5432, starting the
# local cluster if it is down and installing Debian's server if there is none. Skipped when the
# tests are pointed elsewhere with IAMKIT_TEST_JDBC_URL.

iamkit_pg_up() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h 127.0.0.1 -p 5432
  else
    (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null
  fi
}

iamkit_ensure_postgres() {
  [ -n "${IAMKIT_TEST_JDBC_URL:-}" ] && return 0
  iamkit_pg_up && return 0
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
      echo "iamkit: PostgreSQL is not running on 127.0.0.1:5432 and cannot be installed here; start one or set IAMKIT_TEST_JDBC_URL" >&2
      return 1
    fi
    echo "iamkit: installing PostgreSQL" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2 || return 1
  fi
  local version
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  echo "iamkit: starting PostgreSQL $version" >&2
  pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 || true
  local i
  for i in $(seq 1 30); do
    iamkit_pg_up && return 0
    sleep 1
  done
  echo "iamkit: PostgreSQL did not come up on 127.0.0.1:5432" >&2
  return 1
}

# Each test class creates and drops a schema of about 37 tables, so one run of the suite leaves
# about half a million dead rows in the system catalogs (pg_depend 218,000, pg_attribute 150,000,
# pg_class 37,000, pg_policy 24,000, ...). With autovacuum off, as on the machine the figures in the README come from, they stay, and
# every later run, benchmark and test statement reads past them. So, on the local server and only
# when its autovacuum is off, the catalogs are vacuumed before the tests (under a second here).
# Best effort: a server that cannot be vacuumed this way still runs the tests.
iamkit_vacuum_catalogs() {
  [ -n "${IAMKIT_TEST_JDBC_URL:-}" ] && return 0
  command -v psql >/dev/null 2>&1 || return 0
  local autovacuum
  autovacuum=$(psql -X -At -h 127.0.0.1 -p 5432 -U postgres -d postgres -c "SHOW autovacuum" 2>/dev/null) || return 0
  [ "$autovacuum" = "off" ] || return 0
  echo "iamkit: autovacuum is off on 127.0.0.1:5432; vacuuming the system catalogs earlier runs left dead rows in" >&2
  psql -X -q -h 127.0.0.1 -p 5432 -U postgres -d postgres -c "VACUUM pg_catalog.pg_class, pg_catalog.pg_attribute,
      pg_catalog.pg_attrdef, pg_catalog.pg_depend, pg_catalog.pg_shdepend, pg_catalog.pg_type, pg_catalog.pg_proc,
      pg_catalog.pg_policy, pg_catalog.pg_constraint, pg_catalog.pg_index, pg_catalog.pg_trigger, pg_catalog.pg_namespace,
      pg_catalog.pg_statistic, pg_catalog.pg_rewrite, pg_catalog.pg_sequence, pg_catalog.pg_description" >&2 \
    || echo "iamkit: could not vacuum the catalogs (the tests run anyway)" >&2
}
