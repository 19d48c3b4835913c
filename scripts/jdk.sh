# Sourced by ./iam and ./run-tests: make JAVA_HOME point at a JDK 21 or newer.
# Keeps a JAVA_HOME (or a default java) that is already new enough; otherwise picks the newest
# JDK under /usr/lib/jvm; installs Debian's openjdk-21 as a last resort.

java_major() { # prints the feature version of the java binary $1
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}

iamkit_select_jdk() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    major=$(java_major "$JAVA_HOME/bin/java")
    [ "${major:-0}" -ge 21 ] && return 0
  elif command -v java >/dev/null 2>&1 && command -v javac >/dev/null 2>&1; then
    major=$(java_major "$(command -v java)")
    if [ "${major:-0}" -ge 21 ]; then
      JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
      export JAVA_HOME
      return 0
    fi
  fi
  for candidate in /usr/lib/jvm/*/ /opt/java/*/ /opt/jdk*/; do
    [ -x "${candidate}bin/javac" ] || continue
    major=$(java_major "${candidate}bin/java")
    if [ "${major:-0}" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best=${candidate%/}; best_major=$major
    fi
  done
  if [ -z "$best" ] && command -v apt-get >/dev/null 2>&1; then
    echo "iamkit: no JDK 21+ found; installing openjdk-21-jdk-headless" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-21-jdk-headless) >&2 || true
    for candidate in /usr/lib/jvm/*21*/; do
      [ -x "${candidate}bin/javac" ] && best=${candidate%/} && break
    done
  fi
  if [ -z "$best" ]; then
    echo "iamkit: needs JDK 21 or newer; set JAVA_HOME to one (e.g. export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64)" >&2
    return 1
  fi
  export JAVA_HOME=$best
}
