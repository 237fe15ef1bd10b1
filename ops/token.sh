#!/usr/bin/env bash
# Prints an access token of GridLedger's built-in authorization server.
#   ops/token.sh operator                 a demo client (client-credentials grant; secret <client>-secret
#                                         unless GRIDLEDGER_CLIENT_SECRET is set)
#   ops/token.sh --user anna              a demo person (authorization-code grant with PKCE through the
#                                         sign-in form; password demo-password unless GRIDLEDGER_USER_PASSWORD)
# GRIDLEDGER_URL (default http://localhost:8080) names the server. Use it as:
#   curl -H "Authorization: Bearer $(ops/token.sh operator)" http://localhost:8080/api/v1/meters/sim-0001
set -euo pipefail
base="${GRIDLEDGER_URL:-http://localhost:8080}"
json_field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p"; }

if [[ "${1:-}" != "--user" ]]; then
  client="${1:?usage: ops/token.sh <client> | --user <username>}"
  secret="${GRIDLEDGER_CLIENT_SECRET:-$client-secret}"
  curl -sf -u "$client:$secret" -d grant_type=client_credentials "$base/oauth2/token" | json_field access_token
  exit
fi

user="${2:?usage: ops/token.sh --user <username>}"
password="${GRIDLEDGER_USER_PASSWORD:-demo-password}"
redirect="http://127.0.0.1:8080/signed-in"
jar="$(mktemp)"; trap 'rm -f "$jar"' EXIT
verifier="$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
challenge="$(printf '%s' "$verifier" | openssl dgst -sha256 -binary | base64 | tr '+/' '-_' | tr -d '=\n')"
authorize="$base/oauth2/authorize?response_type=code&client_id=gridledger-app&redirect_uri=$redirect&code_challenge=$challenge&code_challenge_method=S256"

curl -sf -c "$jar" -b "$jar" -H 'Accept: text/html' -o /dev/null "$authorize"
csrf="$(curl -sf -c "$jar" -b "$jar" "$base/login" | sed -n 's/.*name="_csrf" type="hidden" value="\([^"]*\)".*/\1/p')"
curl -sf -c "$jar" -b "$jar" -o /dev/null --data-urlencode "username=$user" --data-urlencode "password=$password" \
  --data-urlencode "_csrf=$csrf" "$base/login"
location="$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' -H 'Accept: text/html' "$authorize")"
code="$(printf '%s' "$location" | sed -n 's/.*[?&]code=\([^&]*\).*/\1/p')"
[[ -n "$code" ]] || { echo "sign-in failed for $user (wrong password?)" >&2; exit 1; }
curl -sf -d grant_type=authorization_code -d client_id=gridledger-app --data-urlencode "code=$code" \
  --data-urlencode "redirect_uri=$redirect" -d "code_verifier=$verifier" "$base/oauth2/token" | json_field access_token
