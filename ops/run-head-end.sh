#!/usr/bin/env bash
# Starts the meter adapter on its own, near the meters (same jar as the ledger, profile head-end):
# MQTT/P1/Modbus/DLMS ingestion with its own store-and-forward database, forwarding to the ledger at
# GRIDLEDGER_LEDGER_URL (default http://localhost:8080) and switching relays for its pending requests.
#   GRIDLEDGER_LEDGER_URL=http://ledger:8080 ops/run-head-end.sh
# Run the ledger without its own MQTT head-end then (GRIDLEDGER_MQTT_ENABLED=false ops/run.sh), so that
# one process takes the meters' messages.
set -euo pipefail
cd "$(dirname "$0")/.."
ops/services.sh || true
jar=$(ls settlement-api/target/settlement-api-*-exec.jar 2>/dev/null | head -n 1 || true)
if [ -z "$jar" ]; then
  mvn -B -ntp -q install -DskipTests
  jar=$(ls settlement-api/target/settlement-api-*-exec.jar | head -n 1)
fi
export GRIDLEDGER_DB_URL="${GRIDLEDGER_HEAD_END_DB_URL:-jdbc:postgresql://localhost:5432/gridledger_head_end}"
exec java -cp "$jar" -Dloader.main=io.gridledger.headend.HeadEndApplication \
  org.springframework.boot.loader.launch.PropertiesLauncher --server.port="${HEAD_END_PORT:-8081}" "$@"
