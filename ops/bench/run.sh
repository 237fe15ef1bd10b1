#!/usr/bin/env bash
# Benchmarks against the real PostgreSQL, each in a database of its own (dropped afterwards):
#   ops/bench/run.sh [ingest] [--meters=10000 ...]   readings through the command path vs COPY, then over MQTT
#   ops/bench/run.sh close [--meters=100000 --days=3] closing a settlement period for a fleet
#   ops/bench/run.sh clear [--orders=10000 --runs=30] clearing one market interval (no database)
#   ops/bench/run.sh market-day [--meters=1000]       orders, clearing and settlement of a community's day
set -euo pipefail
cd "$(dirname "$0")/../.."
ops/services.sh
# a broker with production queue limits for the MQTT part of the ingestion benchmark
if ! (exec 3<>/dev/tcp/127.0.0.1/1884) 2>/dev/null && command -v mosquitto >/dev/null 2>&1; then
  mosquitto -d -c ops/mosquitto/bench.conf
fi
export GRIDLEDGER_MQTT_PORT="${GRIDLEDGER_MQTT_PORT:-1884}"
mvn -B -ntp -q install -DskipTests
exec java -Xms2g -Xmx6g -jar ops/bench/target/bench-*-exec.jar "$@"
