#!/usr/bin/env bash
# Regenerates the committed jOOQ classes of iam-jooq from the migrations: migrates a scratch
# schema on the test PostgreSQL server (found as the tests find it) and writes the classes over
# src/main/java/dev/iamkit/jooq/generated. Commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
. scripts/postgres.sh
iamkit_select_jdk
iamkit_ensure_postgres
mvn -q -B install -DskipTests -pl iam-jooq -am
mvn -q -B test -pl iam-jooq -Dtest=GeneratedCodeTest -Diamkit.jooq.regenerate=true -Dsurefire.failIfNoSpecifiedTests=false
echo "regenerated: iam-jooq/src/main/java/dev/iamkit/jooq/generated"
