#!/usr/bin/env bash
# Runs every test: domain fixtures, wiring tests on the real PostgreSQL and the end-to-end tests.
# Each test JVM creates its own fresh database and drops it afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
ops/services.sh
exec mvn -B -ntp verify "$@"
