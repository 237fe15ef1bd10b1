#!/usr/bin/env bash
# Benchmarks against the real PostgreSQL, each in a database of its own (dropped afterwards):
#   ops/bench/run.sh [ingest] [--meters=10000 ...]   readings through the command path vs COPY
#   ops/bench/run.sh close [--meters=100000 --days=3] closing a settlement period for a fleet
set -euo pipefail
cd "$(dirname "$0")/../.."
ops/services.sh
mvn -B -ntp -q install -DskipTests
exec java -Xms2g -Xmx6g -jar ops/bench/target/bench-*-exec.jar "$@"
