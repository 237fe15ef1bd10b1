#!/usr/bin/env bash
# The full hostile-input run: 1,000 generated inputs per endpoint (the suite in ops/test.sh sends 200).
# About three minutes on a 2-core machine; run it before a release or after changing request parsing.
set -euo pipefail
cd "$(dirname "$0")/.."
ops/services.sh
exec mvn -B -ntp verify -pl settlement-api -am -Dtest=HostileInputTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dgridledger.test.hostile-inputs-per-endpoint=1000 "$@"
