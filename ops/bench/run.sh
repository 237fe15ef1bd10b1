#!/usr/bin/env bash
# Ingestion benchmark: readings through the command path into the real event store (all read models
# current) versus COPY of the same number of rows. Arguments are passed on, e.g. --meters=1000.
set -euo pipefail
cd "$(dirname "$0")/../.."
ops/services.sh
mvn -B -ntp -q install -DskipTests
exec java -Xms2g -Xmx6g -jar ops/bench/target/bench-*-exec.jar "$@"
