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
# -am builds the modules iam-jooq needs in this tree; nothing is installed into ~/.m2, so two
# checkouts regenerating at once cannot pick up each other's classes.
mvn -q -B test -pl iam-jooq -am -Dtest=GeneratedCodeTest -Diamkit.jooq.regenerate=true -Dsurefire.failIfNoSpecifiedTests=false
echo "regenerated: iam-jooq/src/main/java/dev/iamkit/jooq/generated"
