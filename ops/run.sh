#!/usr/bin/env bash
# Builds GridLedger and starts it with a simulated fleet of meters reporting through the API and,
# every fourth meter, as a signed MQTT device through the broker.
# Uses PostgreSQL on localhost:5432 (database "gridledger", created if missing), or GRIDLEDGER_DB_URL,
# or - when neither is there - an embedded PostgreSQL under ~/.gridledger. Ctrl+C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
# PostgreSQL and the Mosquitto broker of this machine, when installed and not yet running; without a
# broker the fleet reports over HTTP only
ops/services.sh || true
mvn -B -ntp -q install -DskipTests
exec java -jar settlement-api/target/settlement-api-*-exec.jar \
  --gridledger.simulation.enabled="${GRIDLEDGER_SIMULATION:-true}" \
  --gridledger.simulation.meters="${GRIDLEDGER_SIMULATED_METERS:-120}" "$@"
