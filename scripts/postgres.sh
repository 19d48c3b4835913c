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
