#!/usr/bin/env bash
# Verifies a settlement run offline against the events it covers:
#   token=$(ops/token.sh regulator)
#   curl -H "Authorization: Bearer $token" -o run.json   http://localhost:8080/api/v1/settlement/periods/2026-11/runs/R1
#   curl -H "Authorization: Bearer $token" -o events.ndjson http://localhost:8080/api/v1/settlement/periods/2026-11/runs/R1/events
#   ops/verify-run.sh run.json events.ndjson
# Exit 0: the export rebuilds the run's hash-chain root and every figure; 1: it does not; 2: usage.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar=$(ls "$root"/settlement-api/target/settlement-api-*-exec.jar 2>/dev/null | head -n 1 || true)
if [ -z "$jar" ]; then
  (cd "$root" && mvn -B -ntp -q install -DskipTests)
  jar=$(ls "$root"/settlement-api/target/settlement-api-*-exec.jar | head -n 1)
fi
exec java -cp "$jar" -Dloader.main=io.gridledger.api.verify.VerifyRun \
  org.springframework.boot.loader.launch.PropertiesLauncher "$@"
