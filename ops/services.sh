#!/usr/bin/env bash
# Starts the local services the tests need (PostgreSQL; Mosquitto for the meter adapter) when they
# are not running. Safe to call repeatedly.
set -euo pipefail

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if ! port_open 5432; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    echo "services: starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start
  else
    echo "services: no PostgreSQL on 127.0.0.1:5432 and no local cluster to start; set GRIDLEDGER_TEST_DB_SERVER" >&2
  fi
  for _ in $(seq 1 30); do port_open 5432 && break; sleep 1; done
fi

if ! port_open 1883 && command -v mosquitto >/dev/null 2>&1; then
  echo "services: starting Mosquitto"
  mosquitto -d -c /etc/mosquitto/mosquitto.conf || true
fi
