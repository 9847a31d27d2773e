#!/usr/bin/env bash
# Validates the CLAW.AI monitoring stack without Docker: Prometheus config, rules and rule
# unit tests, Alertmanager config, the compose file (with and without the required Grafana
# password), Grafana provisioning and dashboards (structure, datasources, units, variables,
# metric names against the contract, every PromQL query on a short-lived real Prometheus),
# Loki/Promtail/Nginx configs, runbook anchors and run-local.sh's generated config.
#
#   bash stack/validate.sh        (from any directory; idempotent)
#
# Installs prometheus, prometheus-alertmanager and docker-compose (Debian) if missing.
# Ends with "N passed, N failed[, N skipped]" and exits non-zero on any failure.
set -uo pipefail

STACK_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/claw-validate.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

passed=0
failed=0
skipped=0
failures=()

# check NAME COMMAND...: runs COMMAND, output shown only on failure.
check() {
  local name="$1"; shift
  if "$@" >"$WORK/out" 2>&1; then
    passed=$((passed + 1))
    printf 'PASS  %s\n' "$name"
  else
    failed=$((failed + 1))
    failures+=("$name")
    printf 'FAIL  %s\n' "$name"
    sed 's/^/      /' "$WORK/out" | tail -n 60
  fi
}

skip() {
  skipped=$((skipped + 1))
  printf 'SKIP  %s (%s)\n' "$1" "$2"
}

# ---------------------------------------------------------------- tools
install_missing() {
  local pkgs=()
  command -v promtool >/dev/null 2>&1 && command -v prometheus >/dev/null 2>&1 || pkgs+=(prometheus)
  command -v amtool >/dev/null 2>&1 || pkgs+=(prometheus-alertmanager)
  command -v docker-compose >/dev/null 2>&1 || pkgs+=(docker-compose)
  if ((${#pkgs[@]})); then
    echo "installing ${pkgs[*]} ..."
    if ! apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${pkgs[@]}" >"$WORK/apt.log" 2>&1; then
      apt-get -o DPkg::Lock::Timeout=600 update >>"$WORK/apt.log" 2>&1
      apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${pkgs[@]}" >>"$WORK/apt.log" 2>&1 \
        || { tail -n 20 "$WORK/apt.log"; return 1; }
    fi
  fi
}
install_missing || echo "could not install the tools; the checks needing them fail below"

PY=""
for candidate in /usr/bin/python3 python3; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import yaml' 2>/dev/null; then
    PY="$candidate"; break
  fi
done
CHECK=("${PY:-python3}" "$STACK_DIR/tools/check_stack.py")

# ---------------------------------------------------------------- Prometheus
# Rule files are relative to prometheus.yml, which promtool resolves from the file's folder.
check "promtool check config prometheus/prometheus.yml" promtool check config "$STACK_DIR/prometheus/prometheus.yml"
check "promtool check rules prometheus/rules/*.yml" promtool check rules "$STACK_DIR"/prometheus/rules/*.yml
check "promtool test rules prometheus/tests/*.yml" promtool test rules "$STACK_DIR"/prometheus/tests/*.yml
check "every alert fires and stays quiet in a test; every recording rule value-tested" "${CHECK[@]}" test-coverage
check "scrape jobs and targets of prometheus.yml" "${CHECK[@]}" prometheus-config
check "alert annotations and runbook anchors in docs/MONITORING_DEPLOYMENT.md" "${CHECK[@]}" runbooks
check "metric names and labels in rules and dashboards match CONTRACT §3" "${CHECK[@]}" metric-names

# ---------------------------------------------------------------- Alertmanager
check "amtool check-config alertmanager/alertmanager.yml" amtool check-config "$STACK_DIR/alertmanager/alertmanager.yml"
am_routes() {
  local out
  out="$(amtool config routes test --config.file="$STACK_DIR/alertmanager/alertmanager.yml" severity=critical alertname=ClawAiAgentDown)" || return 1
  echo "critical -> $out"
  [[ "$out" == *default-webhook* ]]
}
check "amtool config routes test (critical alert reaches the webhook receiver)" am_routes

# ---------------------------------------------------------------- Compose
compose_with_password() {
  (cd "$WORK" && GRAFANA_ADMIN_PASSWORD=validate-dummy docker-compose --env-file "$STACK_DIR/.env.example" \
    -f "$STACK_DIR/docker-compose.yml" config -q)
}
compose_without_password_fails() {
  : >"$WORK/empty.env"
  if (cd "$WORK" && env -u GRAFANA_ADMIN_PASSWORD docker-compose --env-file "$WORK/empty.env" \
      -f "$STACK_DIR/docker-compose.yml" config -q) >"$WORK/nopw.log" 2>&1; then
    echo "docker-compose config succeeded without GRAFANA_ADMIN_PASSWORD"; return 1
  fi
  grep -q "GRAFANA_ADMIN_PASSWORD must be set" "$WORK/nopw.log" || { cat "$WORK/nopw.log"; return 1; }
  echo "refused as expected: $(grep -o 'GRAFANA_ADMIN_PASSWORD must be set[^}]*' "$WORK/nopw.log" | head -n 1)"
}
compose_structure() {
  (cd "$WORK" && GRAFANA_ADMIN_PASSWORD=validate-dummy docker-compose --env-file "$STACK_DIR/.env.example" \
    -f "$STACK_DIR/docker-compose.yml" config) >"$WORK/resolved.yml" || return 1
  "${CHECK[@]}" compose <"$WORK/resolved.yml"
}
check "docker-compose config -q (GRAFANA_ADMIN_PASSWORD set)" compose_with_password
check "docker-compose config fails without GRAFANA_ADMIN_PASSWORD" compose_without_password_fails
check "compose: services, pinned images, health checks, depends_on healthy, agent mount" compose_structure
check ".env.example documents every variable of docker-compose.yml" "${CHECK[@]}" env-example

# ---------------------------------------------------------------- Grafana
dashboards_parse() {
  local f rc=0
  for f in "$STACK_DIR"/grafana/dashboards/*.json; do
    "${PY:-python3}" -m json.tool "$f" >/dev/null || { echo "invalid JSON: $f"; rc=1; }
  done
  return $rc
}
check "dashboard JSON parses" dashboards_parse
check "Grafana provisioning: datasources (uids prometheus, loki) and dashboard provider" "${CHECK[@]}" provisioning
check "dashboards: uid/title/panels, units, datasource uids, variables used" "${CHECK[@]}" dashboards
check "every dashboard PromQL query parses and evaluates on a real Prometheus" "${CHECK[@]}" promql

# ---------------------------------------------------------------- Node-based checks
# Optional, skipped without node/npm or when the npm registry cannot be reached: Grafana's
# own LogQL grammar parses the dashboards' LogQL (no Loki runs here), and the dashboards
# are validated against a JSON schema generated from @grafana/schema's Dashboard type.
NODE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/claw-ai-validate/node"
NODE_PKGS=(@grafana/lezer-logql@0.3.0 @lezer/lr@1.4.10 @grafana/schema@11.3.1 ts-json-schema-generator@2.4.0 ajv@8.20.0)
node_tools_ready() {
  command -v node >/dev/null 2>&1 || return 1
  [[ -f "$NODE_DIR/.installed" && "$(cat "$NODE_DIR/.installed")" == "${NODE_PKGS[*]}" ]] && return 0
  command -v npm >/dev/null 2>&1 || return 1
  mkdir -p "$NODE_DIR" || return 1
  [[ -f "$NODE_DIR/package.json" ]] || echo '{"name":"claw-ai-validate","private":true}' >"$NODE_DIR/package.json"
  # @lezer/lr stays at 1.4.10: later versions do not load the LogQL grammar.
  (cd "$NODE_DIR" && timeout 480 npm install --silent --no-audit --no-fund "${NODE_PKGS[@]}") >"$WORK/npm.log" 2>&1 \
    || return 1
  echo "${NODE_PKGS[*]}" >"$NODE_DIR/.installed"
}
logql_parse() {
  cp "$STACK_DIR/tools/check_logql.mjs" "$NODE_DIR/" || return 1
  "${CHECK[@]}" list-queries | node "$NODE_DIR/check_logql.mjs"
}
dashboard_schema() {
  cp "$STACK_DIR/tools/check_dashboard_schema.cjs" "$NODE_DIR/" || return 1
  node "$NODE_DIR/check_dashboard_schema.cjs" "$STACK_DIR"/grafana/dashboards/*.json
}
if node_tools_ready; then
  check "every dashboard LogQL query parses (@grafana/lezer-logql)" logql_parse
  check "dashboards validate against the @grafana/schema Dashboard JSON schema" dashboard_schema
else
  skip "dashboard LogQL parse and JSON schema" "node/npm or the npm registry not available"
fi

# ---------------------------------------------------------------- Logs and proxy
check "Loki retention/compactor and Promtail sources/labels" "${CHECK[@]}" logs-config

nginx_config() {
  mkdir -p "$WORK/nginx/log/claw-ai"
  sed -e "s#/var/log/nginx#$WORK/nginx/log#g" -e "s#/var/run/nginx.pid#$WORK/nginx/nginx.pid#" \
    "$STACK_DIR/nginx/nginx.conf" >"$WORK/nginx/nginx.conf"
  nginx -t -q -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/log/error.log"
}
if command -v nginx >/dev/null 2>&1; then
  check "nginx -t nginx/nginx.conf" nginx_config
else
  skip "nginx -t nginx/nginx.conf" "nginx not installed"
fi

# ---------------------------------------------------------------- run-local.sh
run_local_config() {
  RUN_DIR="$WORK/run-local" "$STACK_DIR/run-local.sh" config >"$WORK/local-prometheus.yml" 2>"$WORK/run-local.err" || {
    cat "$WORK/run-local.err"; return 1; }
  promtool check config "$WORK/local-prometheus.yml" || return 1
  grep -q "127.0.0.1:9464" "$WORK/local-prometheus.yml" || { echo "agent target not rewritten to 127.0.0.1:9464"; return 1; }
  ! grep -qE "sample-app:9464|alertmanager:9093" "$WORK/local-prometheus.yml" || { echo "compose host names left"; return 1; }
}
check "run-local.sh generates a valid local Prometheus config" run_local_config
syntax_ok() { local f; for f in "$@"; do bash -n "$f" || return 1; done; }
check "bash -n validate.sh run-local.sh" syntax_ok "$STACK_DIR/validate.sh" "$STACK_DIR/run-local.sh"
if command -v shellcheck >/dev/null 2>&1; then
  check "shellcheck validate.sh run-local.sh" shellcheck "$STACK_DIR/validate.sh" "$STACK_DIR/run-local.sh"
else
  skip "shellcheck" "not installed"
fi

# ---------------------------------------------------------------- summary
echo
if ((failed)); then
  printf 'failed: %s\n' "${failures[@]}"
fi
if ((skipped)); then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
((failed == 0))
