#!/usr/bin/env bash
# Runs the stack's Prometheus (with its recording and alerting rules) and Alertmanager
# natively, without Docker, against an application running locally with the CLAW.AI agent
# (metrics on 127.0.0.1:9464 by default) and any local exporters that are listening.
#
#   stack/run-local.sh start     generate the config, start both, print the URLs
#   stack/run-local.sh stop      stop what `start` started (tracked PIDs only)
#   stack/run-local.sh status    running or not, URLs, scrape target health
#   stack/run-local.sh restart   stop + start
#   stack/run-local.sh reload    regenerate the config and reload Prometheus
#   stack/run-local.sh config    print the generated Prometheus configuration
#
# Environment:
#   PROM_PORT (9090) AM_PORT (9093) LISTEN_HOST (127.0.0.1)
#   AGENT_TARGET (127.0.0.1:9464)       the agent's side port
#   NODE_TARGET (127.0.0.1:9100) POSTGRES_EXPORTER_TARGET (127.0.0.1:9187)
#   REDIS_EXPORTER_TARGET (127.0.0.1:9121) NGINX_EXPORTER_TARGET (127.0.0.1:9113)
#                                       scraped only if something listens there at start
#   RUN_DIR (${TMPDIR:-/tmp}/claw-ai-stack)  configs, data, logs and PID files
#   PROM_EXTRA_ARGS                     extra Prometheus flags (e.g. --rules.alert.resend-delay=1s)
# Needs the Debian packages prometheus and prometheus-alertmanager (installed if missing,
# when run as root) and python3 with PyYAML.
set -euo pipefail

STACK_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROM_PORT="${PROM_PORT:-9090}"
AM_PORT="${AM_PORT:-9093}"
LISTEN_HOST="${LISTEN_HOST:-127.0.0.1}"
AGENT_TARGET="${AGENT_TARGET:-127.0.0.1:9464}"
NODE_TARGET="${NODE_TARGET:-127.0.0.1:9100}"
POSTGRES_EXPORTER_TARGET="${POSTGRES_EXPORTER_TARGET:-127.0.0.1:9187}"
REDIS_EXPORTER_TARGET="${REDIS_EXPORTER_TARGET:-127.0.0.1:9121}"
NGINX_EXPORTER_TARGET="${NGINX_EXPORTER_TARGET:-127.0.0.1:9113}"
RUN_DIR="${RUN_DIR:-${TMPDIR:-/tmp}/claw-ai-stack}"
PROM_EXTRA_ARGS="${PROM_EXTRA_ARGS:-}"

PROM_PID_FILE="$RUN_DIR/prometheus.pid"
AM_PID_FILE="$RUN_DIR/alertmanager.pid"
PROM_CONFIG="$RUN_DIR/prometheus.yml"
PROM_URL="http://$LISTEN_HOST:$PROM_PORT"
AM_URL="http://$LISTEN_HOST:$AM_PORT"

log() { printf '%s\n' "$*" >&2; }
die() { log "run-local: $*"; exit 1; }

python_with_yaml() {
  local py
  for py in /usr/bin/python3 python3; do
    if command -v "$py" >/dev/null 2>&1 && "$py" -c 'import yaml' 2>/dev/null; then
      echo "$py"; return 0
    fi
  done
  return 1
}

ensure_tools() {
  local missing=()
  command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
  command -v prometheus-alertmanager >/dev/null 2>&1 || missing+=(prometheus-alertmanager)
  python_with_yaml >/dev/null || missing+=(python3-yaml)
  if ((${#missing[@]})); then
    [[ $(id -u) -eq 0 ]] || die "missing ${missing[*]}: install them (apt-get install --no-install-recommends ${missing[*]})"
    log "installing ${missing[*]} ..."
    apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${missing[@]}" >&2 \
      || { apt-get -o DPkg::Lock::Timeout=600 update >&2 \
           && apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${missing[@]}" >&2; }
  fi
}

# Writes the local Prometheus configuration to stdout: the shipped prometheus.yml with
# rule files made absolute, compose service targets rewritten to local ports, Loki and
# Promtail (which do not run here) left out, and exporters kept only if they listen.
generate_config() {
  local py
  py="$(python_with_yaml)" || die "python3 with PyYAML is needed (apt-get install python3-yaml)"
  STACK_DIR="$STACK_DIR" PROM_PORT="$PROM_PORT" AM_PORT="$AM_PORT" LISTEN_HOST="$LISTEN_HOST" \
  AGENT_TARGET="$AGENT_TARGET" NODE_TARGET="$NODE_TARGET" POSTGRES_EXPORTER_TARGET="$POSTGRES_EXPORTER_TARGET" \
  REDIS_EXPORTER_TARGET="$REDIS_EXPORTER_TARGET" NGINX_EXPORTER_TARGET="$NGINX_EXPORTER_TARGET" \
  "$py" - <<'PY'
import os, socket, sys, yaml

env = os.environ
stack = env["STACK_DIR"]
with open(os.path.join(stack, "prometheus", "prometheus.yml")) as f:
    cfg = yaml.safe_load(f)

local = f'{env["LISTEN_HOST"]}:{env["PROM_PORT"]}'
am = f'{env["LISTEN_HOST"]}:{env["AM_PORT"]}'
rewrite = {
    "sample-app:9464": (env["AGENT_TARGET"], True),
    "localhost:9090": (local, True),
    "alertmanager:9093": (am, True),
    "node-exporter:9100": (env["NODE_TARGET"], False),
    "postgres-exporter:9187": (env["POSTGRES_EXPORTER_TARGET"], False),
    "redis-exporter:9121": (env["REDIS_EXPORTER_TARGET"], False),
    "nginx-exporter:9113": (env["NGINX_EXPORTER_TARGET"], False),
}

def listening(target):
    host, _, port = target.rpartition(":")
    try:
        with socket.create_connection((host, int(port)), timeout=0.3):
            return True
    except OSError:
        return False

cfg["rule_files"] = [p if os.path.isabs(p) else os.path.join(stack, "prometheus", p)
                     for p in cfg.get("rule_files", [])]
for amc in cfg.get("alerting", {}).get("alertmanagers", []):
    for sc in amc.get("static_configs", []):
        sc["targets"] = [am for _ in sc.get("targets", [])]
cfg.setdefault("global", {}).setdefault("external_labels", {})["stack"] = "claw-ai-local"

jobs = []
for job in cfg.get("scrape_configs", []):
    keep = []
    for sc in job.get("static_configs", []):
        targets = []
        for t in sc.get("targets", []):
            if t not in rewrite:
                continue  # a service with no local counterpart (Loki, Promtail)
            new, always = rewrite[t]
            if always or listening(new):
                targets.append(new)
            else:
                print(f"run-local: {job['job_name']}: nothing listens on {new}, not scraped", file=sys.stderr)
        if targets:
            sc["targets"] = targets
            keep.append(sc)
    if keep:
        job["static_configs"] = keep
        jobs.append(job)
cfg["scrape_configs"] = jobs
print("# Generated by stack/run-local.sh from stack/prometheus/prometheus.yml; do not edit.")
yaml.safe_dump(cfg, sys.stdout, sort_keys=False)
PY
}

pid_alive() {  # pid_alive FILE NAME: the PID in FILE runs a process whose command contains NAME
  local pid
  [[ -f "$1" ]] || return 1
  pid="$(cat "$1")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$2"
}

port_free() {
  ! (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

wait_ready() {  # wait_ready URL NAME LOG
  local i
  for ((i = 0; i < 100; i++)); do
    if "$(python_with_yaml)" - "$1" <<'PY' 2>/dev/null; then
import sys, urllib.request
sys.exit(0 if urllib.request.urlopen(sys.argv[1], timeout=1).status == 200 else 1)
PY
      return 0
    fi
    sleep 0.2
  done
  log "run-local: $2 did not become ready; last lines of $3:"
  tail -n 20 "$3" >&2 || true
  return 1
}

start() {
  ensure_tools
  mkdir -p "$RUN_DIR/prometheus-data" "$RUN_DIR/alertmanager-data"
  if pid_alive "$PROM_PID_FILE" prometheus || pid_alive "$AM_PID_FILE" alertmanager; then
    die "already running (run-local.sh status / stop)"
  fi
  port_free "$LISTEN_HOST" "$PROM_PORT" || die "port $PROM_PORT is in use: set PROM_PORT"
  port_free "$LISTEN_HOST" "$AM_PORT" || die "port $AM_PORT is in use: set AM_PORT"
  generate_config >"$PROM_CONFIG.tmp"
  mv "$PROM_CONFIG.tmp" "$PROM_CONFIG"
  promtool check config "$PROM_CONFIG" >"$RUN_DIR/promtool.log" 2>&1 \
    || { cat "$RUN_DIR/promtool.log" >&2; die "generated configuration is invalid"; }

  nohup prometheus-alertmanager \
    --config.file="$STACK_DIR/alertmanager/alertmanager.yml" \
    --storage.path="$RUN_DIR/alertmanager-data" \
    --web.listen-address="$LISTEN_HOST:$AM_PORT" \
    --web.external-url="$AM_URL/" \
    --cluster.listen-address= \
    >"$RUN_DIR/alertmanager.log" 2>&1 </dev/null &
  echo $! >"$AM_PID_FILE"

  # shellcheck disable=SC2086 # PROM_EXTRA_ARGS is a list of flags
  nohup prometheus \
    --config.file="$PROM_CONFIG" \
    --storage.tsdb.path="$RUN_DIR/prometheus-data" \
    --web.listen-address="$LISTEN_HOST:$PROM_PORT" \
    --web.external-url="$PROM_URL/" \
    --web.enable-lifecycle \
    $PROM_EXTRA_ARGS \
    >"$RUN_DIR/prometheus.log" 2>&1 </dev/null &
  echo $! >"$PROM_PID_FILE"

  wait_ready "$AM_URL/-/ready" Alertmanager "$RUN_DIR/alertmanager.log" || { stop; exit 1; }
  wait_ready "$PROM_URL/-/ready" Prometheus "$RUN_DIR/prometheus.log" || { stop; exit 1; }
  echo "Prometheus:   $PROM_URL  (targets: $PROM_URL/targets, alerts: $PROM_URL/alerts)"
  echo "Alertmanager: $AM_URL"
  echo "Agent target: $AGENT_TARGET   Data and logs: $RUN_DIR"
}

stop_one() {  # stop_one PIDFILE NAME
  local pid i
  if pid_alive "$1" "$2"; then
    pid="$(cat "$1")"
    kill "$pid"
    for ((i = 0; i < 50; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -9 "$pid" 2>/dev/null || true
    fi
    echo "stopped $2 ($pid)"
  fi
  rm -f "$1"
}

stop() {
  stop_one "$PROM_PID_FILE" prometheus
  stop_one "$AM_PID_FILE" alertmanager
}

status() {
  local rc=0
  if pid_alive "$PROM_PID_FILE" prometheus; then
    echo "Prometheus:   running (pid $(cat "$PROM_PID_FILE"))  $PROM_URL"
  else
    echo "Prometheus:   not running"; rc=3
  fi
  if pid_alive "$AM_PID_FILE" alertmanager; then
    echo "Alertmanager: running (pid $(cat "$AM_PID_FILE"))  $AM_URL"
  else
    echo "Alertmanager: not running"; rc=3
  fi
  if pid_alive "$PROM_PID_FILE" prometheus; then
    "$(python_with_yaml)" - "$PROM_URL" <<'PY' || true
import json, sys, urllib.request
data = json.load(urllib.request.urlopen(sys.argv[1] + "/api/v1/targets?state=active", timeout=5))
for t in data["data"]["activeTargets"]:
    err = f"  ({t['lastError']})" if t.get("lastError") else ""
    print(f"  {t['labels']['job']:<20} {t['scrapeUrl']:<40} {t['health']}{err}")
PY
  fi
  return $rc
}

reload() {
  pid_alive "$PROM_PID_FILE" prometheus || die "Prometheus is not running"
  generate_config >"$PROM_CONFIG.tmp"
  mv "$PROM_CONFIG.tmp" "$PROM_CONFIG"
  "$(python_with_yaml)" - "$PROM_URL/-/reload" <<'PY'
import sys, urllib.request
urllib.request.urlopen(urllib.request.Request(sys.argv[1], method="POST"), timeout=10)
PY
  echo "reloaded $PROM_URL"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  restart) stop; start ;;
  reload) reload ;;
  config) generate_config ;;
  *) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
