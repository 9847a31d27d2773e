#!/usr/bin/env python3
"""Static checks of the CLAW.AI monitoring stack (stack/), used by stack/validate.sh.

Each subcommand prints what it found and exits 0 (ok) or 1 (problems). Needs PyYAML
(Debian: python3-yaml, a dependency of docker-compose) and, for `promql`, the
`prometheus` binary.

  check_stack.py compose < resolved.yml   structure of `docker-compose config` output
  check_stack.py env-example              every ${VAR} of docker-compose.yml is in .env.example
  check_stack.py prometheus-config        jobs, targets and rule files of prometheus.yml
  check_stack.py provisioning             Grafana datasources and dashboard provider
  check_stack.py dashboards               uid/title/panels/units/datasources/variables
  check_stack.py metric-names             names and label matchers against CONTRACT §3
  check_stack.py runbooks                 alert annotations and runbook anchors in the guide
  check_stack.py test-coverage            every alert fires and stays quiet in a test, every
                                          recording rule's value is tested
  check_stack.py logs-config              Loki retention, Promtail sources and labels
  check_stack.py list-queries             every dashboard query as JSON lines (raw and with
                                          Grafana variables substituted) for other tests
  check_stack.py promql                   every dashboard PromQL query parses and runs on a
                                          short-lived real Prometheus
"""
import glob
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

import yaml

STACK = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPO = os.path.dirname(STACK)
DASHBOARD_DIR = os.path.join(STACK, "grafana", "dashboards")
REQUIRED_DASHBOARDS = {
    "claw-ai-overview.json", "claw-ai-performance.json", "claw-ai-resources.json", "claw-ai-ai.json",
}
GUIDE = os.path.join(REPO, "docs", "MONITORING_DEPLOYMENT.md")

# CONTRACT §3: metric name -> (type, labels)
CONTRACT = {
    "claw_ai_http_requests_total": ("counter", {"method", "endpoint", "status"}),
    "claw_ai_http_request_duration_seconds": ("histogram", {"method", "endpoint"}),
    "claw_ai_http_response_size_bytes": ("histogram", {"method", "endpoint"}),
    "claw_ai_http_active_connections": ("gauge", set()),
    "claw_ai_db_operation_duration_seconds": ("histogram", {"system", "operation", "table", "outcome"}),
    "claw_ai_db_pool_connections": ("gauge", {"pool", "state"}),
    "claw_ai_redis_operation_duration_seconds": ("histogram", {"client", "command", "outcome"}),
    "claw_ai_ai_response_duration_seconds": ("histogram", {"model", "outcome"}),
    "claw_ai_ai_tokens_total": ("counter", {"model", "type"}),
    "claw_ai_vector_db_operation_duration_seconds": ("histogram", {"operation", "outcome"}),
    "claw_ai_conversations_total": ("counter", {"status"}),
    "claw_ai_messages_total": ("counter", {"role"}),
    "claw_ai_agent_info": ("gauge", {"version"}),
    "claw_ai_agent_errors_total": ("counter", {"kind"}),  # kind: advice, transform, gauge (docs/METRICS.md)
    "claw_ai_agent_cardinality_folded_total": ("counter", {"metric"}),
}
# Standard names of prometheus-metrics-instrumentation-jvm 1.x (CONTRACT §3 "JVM metrics").
JVM_METRICS = {
    "jvm_buffer_pool_capacity_bytes", "jvm_buffer_pool_used_buffers", "jvm_buffer_pool_used_bytes",
    "jvm_classes_currently_loaded", "jvm_classes_loaded_total", "jvm_classes_unloaded_total",
    "jvm_gc_collection_seconds_count", "jvm_gc_collection_seconds_sum", "jvm_memory_committed_bytes",
    "jvm_memory_init_bytes", "jvm_memory_max_bytes", "jvm_memory_pool_committed_bytes", "jvm_memory_pool_init_bytes",
    "jvm_memory_pool_max_bytes", "jvm_memory_pool_used_bytes", "jvm_memory_used_bytes", "jvm_runtime_info",
    "jvm_threads_current", "jvm_threads_daemon", "jvm_threads_deadlocked", "jvm_threads_deadlocked_monitor",
    "jvm_threads_peak", "jvm_threads_started_total", "jvm_threads_state", "jvm_memory_objects_pending_finalization",
    "jvm_compilation_time_seconds_total", "process_cpu_seconds_total", "process_max_fds", "process_open_fds",
    "process_resident_memory_bytes", "process_start_time_seconds", "process_virtual_memory_bytes",
}
TARGET_LABELS = {"job", "instance", "service"}
GRAFANA_BUILTIN_INTERVALS = {
    "__rate_interval": "1m", "__interval": "1m", "__range": "1h", "__range_s": "3600", "__interval_ms": "60000",
}

problems = []


def problem(msg):
    problems.append(msg)
    print("  PROBLEM: " + msg)


def finish(what):
    if problems:
        print(f"{what}: {len(problems)} problem(s)")
        sys.exit(1)
    print(f"{what}: ok")
    sys.exit(0)


def load_yaml(path):
    with open(path) as f:
        return yaml.safe_load(f)


# ----------------------------------------------------------------------------- helpers
def rule_files():
    return sorted(glob.glob(os.path.join(STACK, "prometheus", "rules", "*.yml")))


def all_rules():
    for path in rule_files():
        for group in load_yaml(path).get("groups", []):
            for rule in group.get("rules", []):
                yield path, group["name"], rule


def recording_names():
    return {r["record"] for _, _, r in all_rules() if "record" in r}


def alert_names():
    return {r["alert"] for _, _, r in all_rules() if "alert" in r}


def dashboards():
    out = []
    for path in sorted(glob.glob(os.path.join(DASHBOARD_DIR, "*.json"))):
        with open(path) as f:
            out.append((os.path.basename(path), json.load(f)))
    return out


def iter_panels(panels):
    for p in panels:
        yield p
        yield from iter_panels(p.get("panels", []))


def panel_datasource(panel, target=None):
    ds = (target or {}).get("datasource") or panel.get("datasource") or {}
    return ds if isinstance(ds, dict) else {"uid": ds}


def dashboard_queries(dash):
    """(panel, target, datasource type) for every query target."""
    for p in iter_panels(dash.get("panels", [])):
        for t in p.get("targets", []):
            ds = panel_datasource(p, t)
            yield p, t, ds.get("type", "")


def substitute(expr, variables):
    """Replace Grafana variables as the dashboards use them: built-in intervals by a fixed
    duration, template variables (always used as =~"$var") by their All value `.*`."""
    def repl(m):
        name = m.group(1) or m.group(2) or m.group(3)
        name = name.split(":")[0]
        if name in GRAFANA_BUILTIN_INTERVALS:
            return GRAFANA_BUILTIN_INTERVALS[name]
        if name in variables:
            return ".*"
        return m.group(0)
    return re.sub(r"\$\{([A-Za-z_][\w:]*)\}|\[\[(\w+)\]\]|\$([A-Za-z_]\w*)", repl, expr)


def dashboard_variables(dash):
    return {v["name"]: v for v in dash.get("templating", {}).get("list", [])}


def variable_query(var):
    q = var.get("query")
    if isinstance(q, dict):
        q = q.get("query")
    return q or var.get("definition", "")


def provisioned_datasource_uids():
    uids = {}
    for path in glob.glob(os.path.join(STACK, "grafana", "provisioning", "datasources", "*.yml")):
        for ds in load_yaml(path).get("datasources", []):
            uids[ds.get("uid")] = ds.get("type")
    return uids


# ----------------------------------------------------------------------------- compose
def volumes(svc):
    """Volumes of a resolved compose service, short ("src:dst:ro") or long form, normalised."""
    out = []
    for v in svc.get("volumes", []) or []:
        if isinstance(v, dict):
            out.append({"type": v.get("type", "volume"), "source": v.get("source", ""),
                        "target": v.get("target", ""), "read_only": bool(v.get("read_only"))})
        else:
            parts = v.split(":")
            src, dst = parts[0], parts[1] if len(parts) > 1 else parts[0]
            mode = parts[2] if len(parts) > 2 else "rw"
            out.append({"type": "bind" if src.startswith(("/", ".", "~")) else "volume", "source": src,
                        "target": dst, "read_only": "ro" in mode.split(",")})
    return out


def cmd_compose():
    cfg = yaml.safe_load(sys.stdin)
    services = cfg.get("services", {})
    required = {"sample-app", "postgres", "redis", "prometheus", "alertmanager", "grafana", "loki", "promtail",
                "postgres-exporter", "redis-exporter", "node-exporter", "nginx", "nginx-exporter"}
    missing = required - set(services)
    if missing:
        problem(f"services missing: {sorted(missing)}")
    no_healthcheck_ok = {"nginx-exporter"}  # FROM scratch image: no shell to run a check in
    for name, svc in services.items():
        image = svc.get("image", "")
        tag = image.rsplit("/", 1)[-1].partition(":")[2]
        if not tag or tag == "latest" or not re.search(r"\d+\.\d+", tag):
            problem(f"{name}: image '{image}' is not pinned to a version")
        if name not in no_healthcheck_ok and not svc.get("healthcheck", {}).get("test"):
            problem(f"{name}: no healthcheck")
        deps = svc.get("depends_on", {})
        if isinstance(deps, list):
            problem(f"{name}: depends_on must use the long form with condition: service_healthy")
        else:
            for dep, spec in deps.items():
                if (spec or {}).get("condition") != "service_healthy":
                    problem(f"{name}: depends_on {dep} without condition: service_healthy")
                if dep in no_healthcheck_ok:
                    problem(f"{name}: depends_on {dep}, which has no healthcheck")
        for vol in volumes(svc):
            if vol["type"] == "bind":
                src = vol["source"]
                if src.endswith(".jar") or src.startswith("/var/run/docker.sock") or src == "/":
                    continue
                if not os.path.exists(src):
                    problem(f"{name}: bind-mounted {src} does not exist")
    named = set(cfg.get("volumes", {}) or {})
    for want in ("prometheus-data", "grafana-data", "loki-data", "postgres-data", "redis-data", "alertmanager-data"):
        if want not in named:
            problem(f"named volume {want} missing")
    app = services.get("sample-app", {})
    env = app.get("environment", {}) or {}
    if "-javaagent:/agent/claw-ai-agent.jar" not in str(env.get("JAVA_TOOL_OPTIONS", "")):
        problem("sample-app: JAVA_TOOL_OPTIONS does not inject -javaagent:/agent/claw-ai-agent.jar")
    agent_mounts = [v for v in volumes(app) if v["target"] == "/agent/claw-ai-agent.jar"]
    if not agent_mounts or not agent_mounts[0]["read_only"]:
        problem("sample-app: the agent jar must be mounted read-only at /agent/claw-ai-agent.jar")
    if app.get("image", "").split(":")[0] != "eclipse-temurin":
        problem("sample-app: expected a plain eclipse-temurin JRE image")
    cmd = " ".join(app.get("command", []) if isinstance(app.get("command"), list) else [app.get("command", "")])
    for flag in ("--db-url", "--redis-url", "--demo-traffic"):
        if flag not in cmd:
            problem(f"sample-app: command lacks {flag}")
    graf = (services.get("grafana", {}).get("environment") or {})
    if str(graf.get("GF_SERVER_SERVE_FROM_SUB_PATH", "")).lower() != "true" or "/grafana" not in str(graf.get("GF_SERVER_ROOT_URL", "")):
        problem("grafana: must be served from the /grafana sub path")
    if not graf.get("GF_SECURITY_ADMIN_PASSWORD"):
        problem("grafana: GF_SECURITY_ADMIN_PASSWORD not set")
    finish("compose structure")


def cmd_env_example():
    compose = open(os.path.join(STACK, "docker-compose.yml")).read()
    used = set(re.findall(r"\$\{([A-Z_][A-Z0-9_]*)", compose))
    example = open(os.path.join(STACK, ".env.example")).read()
    defined = set(re.findall(r"^#?\s*([A-Z_][A-Z0-9_]*)=", example, re.M))
    for var in sorted(used - defined):
        problem(f"{var} is used in docker-compose.yml but not documented in .env.example")
    for var in sorted(v for v in defined - used if not v.startswith("COMPOSE_")):
        problem(f"{var} is in .env.example but docker-compose.yml does not use it")
    m = re.search(r"^GRAFANA_ADMIN_PASSWORD=(.*)$", example, re.M)
    if not m or m.group(1).strip():
        problem(".env.example must contain an empty GRAFANA_ADMIN_PASSWORD= (no default password)")
    if "GRAFANA_ADMIN_PASSWORD:?" not in compose:
        problem("docker-compose.yml must require GRAFANA_ADMIN_PASSWORD with ${GRAFANA_ADMIN_PASSWORD:?...}")
    print(f"  {len(used)} variables, all documented")
    finish(".env.example")


# ----------------------------------------------------------------------------- prometheus
def cmd_prometheus_config():
    cfg = load_yaml(os.path.join(STACK, "prometheus", "prometheus.yml"))
    jobs = {j["job_name"]: j for j in cfg.get("scrape_configs", [])}
    want = {"claw-ai-agent": "sample-app:9464", "prometheus": None, "alertmanager": "alertmanager:9093",
            "node-exporter": "node-exporter:9100", "postgres-exporter": "postgres-exporter:9187",
            "redis-exporter": "redis-exporter:9121", "nginx-exporter": "nginx-exporter:9113"}
    for job, target in want.items():
        if job not in jobs:
            problem(f"scrape job {job} missing")
            continue
        targets = [t for sc in jobs[job].get("static_configs", []) for t in sc.get("targets", [])]
        if target and target not in targets:
            problem(f"job {job} does not scrape {target} (has {targets})")
    if jobs.get("claw-ai-agent", {}).get("metrics_path", "/metrics") != "/metrics":
        problem("claw-ai-agent must scrape /metrics")
    if not cfg.get("rule_files"):
        problem("no rule_files")
    ams = cfg.get("alerting", {}).get("alertmanagers", [])
    if not ams:
        problem("no alertmanager configured")
    print(f"  jobs: {', '.join(jobs)}")
    finish("prometheus.yml")


# ----------------------------------------------------------------------------- grafana
def cmd_provisioning():
    uids = provisioned_datasource_uids()
    for uid, typ in (("prometheus", "prometheus"), ("loki", "loki")):
        if uids.get(uid) != typ:
            problem(f"datasource uid '{uid}' of type {typ} not provisioned")
    for name in ("prometheus.yml", "loki.yml"):
        if not os.path.exists(os.path.join(STACK, "grafana", "provisioning", "datasources", name)):
            problem(f"grafana/provisioning/datasources/{name} missing")
    prov = load_yaml(os.path.join(STACK, "grafana", "provisioning", "dashboards", "dashboard.yml"))
    providers = prov.get("providers", [])
    if not providers or providers[0].get("type") != "file":
        problem("dashboard.yml must define a file provider")
    else:
        path = providers[0].get("options", {}).get("path")
        compose = open(os.path.join(STACK, "docker-compose.yml")).read()
        if f"./grafana/dashboards:{path}" not in compose:
            problem(f"dashboard provider path {path} is not where docker-compose.yml mounts ./grafana/dashboards")
    print(f"  datasource uids: {sorted(uids)}")
    finish("grafana provisioning")


UNITLESS_PANELS = {"row", "logs", "text", "news", "dashlist", "alertlist"}


def cmd_dashboards():
    found = dashboards()
    names = {n for n, _ in found}
    for missing in sorted(REQUIRED_DASHBOARDS - names):
        problem(f"dashboard {missing} missing")
    ds_uids = provisioned_datasource_uids()
    seen_uids = {}
    for name, dash in found:
        uid, title = dash.get("uid"), dash.get("title")
        if not uid or not title:
            problem(f"{name}: uid and title are required")
        if uid in seen_uids:
            problem(f"{name}: uid {uid} also used by {seen_uids[uid]}")
        seen_uids[uid] = name
        if uid and name != uid + ".json":
            problem(f"{name}: file name should be <uid>.json ({uid}.json)")
        panels = list(iter_panels(dash.get("panels", [])))
        if not [p for p in panels if p.get("type") != "row"]:
            problem(f"{name}: no panels")
        ids = [p.get("id") for p in panels]
        if len(ids) != len(set(ids)) or None in ids:
            problem(f"{name}: panel ids must be present and unique")
        variables = dashboard_variables(dash)
        for want in ("job", "instance"):
            if want not in variables:
                problem(f"{name}: templating variable ${want} missing")
        for vname, var in variables.items():
            if var.get("type") == "query":
                if (var.get("datasource") or {}).get("uid") not in ds_uids:
                    problem(f"{name}: variable {vname} uses an unknown datasource")
                if not variable_query(var).startswith("label_values("):
                    problem(f"{name}: variable {vname} is not a label_values() query")
        all_exprs = " ".join(t.get("expr", "") for _, t, _ in dashboard_queries(dash))
        all_exprs += " " + " ".join(variable_query(v) for v in variables.values())
        for vname in variables:
            if not re.search(r"\$\{?" + re.escape(vname) + r"\b", all_exprs):
                problem(f"{name}: variable ${vname} is declared but no query uses it")
            for m in re.finditer(r'(\w+)\s*(=|!=|=~|!~)\s*"([^"]*\$\{?' + re.escape(vname) + r'\b[^"]*)"', all_exprs):
                if m.group(2) != "=~" or m.group(3) not in (f"${vname}", f"${{{vname}}}"):
                    problem(f'{name}: ${vname} must be used as label=~"${vname}" (found {m.group(0)})')
        for p in panels:
            ptype = p.get("type")
            if ptype == "row":
                continue
            if "gridPos" not in p:
                problem(f"{name}: panel '{p.get('title')}' has no gridPos")
            if not p.get("title"):
                problem(f"{name}: panel {p.get('id')} has no title")
            if ptype not in UNITLESS_PANELS and not p.get("fieldConfig", {}).get("defaults", {}).get("unit"):
                problem(f"{name}: panel '{p.get('title')}' has no unit")
            if not p.get("targets"):
                problem(f"{name}: panel '{p.get('title')}' has no query")
            for t in p.get("targets", []):
                ds = panel_datasource(p, t)
                if ds.get("uid") not in ds_uids:
                    problem(f"{name}: panel '{p.get('title')}' uses datasource uid {ds.get('uid')!r}, not provisioned")
                elif ds.get("type") and ds_uids[ds["uid"]] != ds["type"]:
                    problem(f"{name}: panel '{p.get('title')}' datasource type {ds.get('type')} != provisioned {ds_uids[ds['uid']]}")
                if not t.get("expr", "").strip():
                    problem(f"{name}: panel '{p.get('title')}' has an empty query")
                if ds.get("type") == "loki" and not re.match(r'^\{\s*\w+\s*(=|=~|!=|!~)\s*"', t.get("expr", "")):
                    problem(f"{name}: LogQL of '{p.get('title')}' must start with a stream selector")
        has_logs = any(p.get("type") == "logs" for p in panels)
        if not has_logs:
            problem(f"{name}: no Loki logs panel")
        print(f"  {name}: {len([p for p in panels if p.get('type') != 'row'])} panels, variables {sorted(variables)}")
    finish("dashboards")


# ----------------------------------------------------------------------------- metric names
def selectors(expr):
    """(metric, {label matchers}) for every `name{...}` and bare name in a PromQL string."""
    expr = re.sub(r'"(?:[^"\\]|\\.)*"', lambda m: m.group(0).replace("{", "(").replace("}", ")"), expr)
    for m in re.finditer(r"([a-zA-Z_:][a-zA-Z0-9_:]*)\s*\{([^}]*)\}", expr):
        yield m.group(1), set(re.findall(r"(\w+)\s*(?:=~|!~|!=|=)", m.group(2)))
    for m in re.finditer(r"(?<![\w:\"{,=~!$.])((?:claw_ai|jvm|process)_[a-z0-9_]+|[a-z_]+:claw_ai_[a-z0-9_:]+)(?![\w{:(])", expr):
        yield m.group(1), set()


def check_metric(where, metric, labels, records):
    if ":" in metric:
        if metric not in records:
            problem(f"{where}: recording rule {metric} is not defined in prometheus/rules")
        return
    if metric.startswith(("jvm_", "process_")):
        if metric not in JVM_METRICS:
            problem(f"{where}: {metric} is not a metric of prometheus-metrics-instrumentation-jvm")
        return
    if not metric.startswith("claw_ai_"):
        return
    base, suffix = metric, ""
    for sfx in ("_bucket", "_count", "_sum"):
        if metric.endswith(sfx) and metric[: -len(sfx)] in CONTRACT:
            base, suffix = metric[: -len(sfx)], sfx
    if base not in CONTRACT:
        problem(f"{where}: {metric} is not a CONTRACT §3 metric")
        return
    kind, allowed = CONTRACT[base]
    if kind == "histogram" and not suffix:
        problem(f"{where}: histogram {metric} must be queried as _bucket, _count or _sum")
    allowed = allowed | TARGET_LABELS | ({"le"} if suffix == "_bucket" else set())
    for label in labels - allowed:
        problem(f"{where}: {metric} has no label '{label}' (contract: {sorted(CONTRACT[base][1])})")


def cmd_metric_names():
    records = recording_names()
    count = 0
    for path, group, rule in all_rules():
        where = f"{os.path.basename(path)}:{rule.get('alert') or rule.get('record')}"
        for metric, labels in selectors(rule["expr"]):
            check_metric(where, metric, labels, records)
            count += 1
    for name, dash in dashboards():
        for p, t, dstype in dashboard_queries(dash):
            if dstype == "loki":
                continue
            for metric, labels in selectors(t.get("expr", "")):
                check_metric(f"{name}:'{p.get('title')}'", metric, labels, records)
                count += 1
        for vname, var in dashboard_variables(dash).items():
            for metric, labels in selectors(variable_query(var)):
                check_metric(f"{name}:${vname}", metric, labels, records)
                count += 1
    print(f"  {count} metric references checked")
    finish("metric names")


# ----------------------------------------------------------------------------- runbooks
def github_slug(heading):
    s = heading.strip().lower()
    s = re.sub(r"[^\w\- ]", "", s)
    return s.replace(" ", "-")


def cmd_runbooks():
    if not os.path.exists(GUIDE):
        problem(f"{GUIDE} missing")
        finish("runbooks")
    text = open(GUIDE).read()
    anchors = {github_slug(h) for h in re.findall(r"^#{1,6}\s+(.+?)\s*$", text, re.M)}
    anchors |= set(re.findall(r'<a\s+(?:id|name)="([^"]+)"', text))
    n = 0
    for path, group, rule in all_rules():
        if "alert" not in rule:
            continue
        n += 1
        name = rule["alert"]
        ann = rule.get("annotations", {})
        for key in ("summary", "description", "runbook_url"):
            if not ann.get(key):
                problem(f"{name}: annotation {key} missing")
        sev = rule.get("labels", {}).get("severity")
        if sev not in ("critical", "warning", "info"):
            problem(f"{name}: severity label must be critical, warning or info (is {sev})")
        url = ann.get("runbook_url", "")
        doc, _, anchor = url.partition("#")
        if not doc.endswith("docs/MONITORING_DEPLOYMENT.md") or not anchor:
            problem(f"{name}: runbook_url must point at docs/MONITORING_DEPLOYMENT.md#<anchor> (is {url})")
        elif anchor not in anchors:
            problem(f"{name}: runbook anchor #{anchor} not found in docs/MONITORING_DEPLOYMENT.md")
        elif anchor != name.lower():
            problem(f"{name}: runbook anchor should be #{name.lower()}")
    print(f"  {n} alerting rules, {len(alert_names())} alert names")
    finish("runbooks")


# ----------------------------------------------------------------------------- tests
def cmd_test_coverage():
    fires, quiet, tested_exprs = set(), set(), []
    for path in sorted(glob.glob(os.path.join(STACK, "prometheus", "tests", "*.yml"))):
        doc = load_yaml(path)
        for t in doc.get("tests", []):
            for a in t.get("alert_rule_test", []):
                (fires if a.get("exp_alerts") else quiet).add(a["alertname"])
            for e in t.get("promql_expr_test", []):
                tested_exprs.append(e["expr"])
    for name in sorted(alert_names()):
        if name not in fires:
            problem(f"alert {name}: no test where it FIRES")
        if name not in quiet:
            problem(f"alert {name}: no test where it does NOT fire")
    blob = " ".join(tested_exprs)
    for rec in sorted(recording_names()):
        if not re.search(re.escape(rec) + r"(?![\w:])", blob):
            problem(f"recording rule {rec}: no promql_expr_test checks its value")
    unknown = (fires | quiet) - alert_names()
    for name in sorted(unknown):
        problem(f"tests mention alert {name}, which no rule defines")
    print(f"  {len(alert_names())} alerts fire+quiet tested, {len(recording_names())} recording rules value-tested")
    finish("test coverage")


# ----------------------------------------------------------------------------- logs
def cmd_logs_config():
    loki = load_yaml(os.path.join(STACK, "loki", "loki-config.yml"))
    limits = loki.get("limits_config", {})
    if not limits.get("retention_period"):
        problem("loki: limits_config.retention_period not set")
    comp = loki.get("compactor", {})
    if comp.get("retention_enabled") is not True:
        problem("loki: compactor.retention_enabled must be true for retention to apply")
    if not comp.get("delete_request_store"):
        problem("loki: compactor.delete_request_store is required with retention (Loki 3)")
    if loki.get("analytics", {}).get("reporting_enabled") is not False:
        problem("loki: usage reporting should be disabled")
    pt = load_yaml(os.path.join(STACK, "promtail", "promtail-config.yml"))
    if not any("loki:3100/loki/api/v1/push" in c.get("url", "") for c in pt.get("clients", [])):
        problem("promtail: no client pushing to loki:3100")
    scs = pt.get("scrape_configs", [])
    docker = [s for s in scs if s.get("docker_sd_configs")]
    if not docker:
        problem("promtail: no docker_sd_configs job")
    else:
        targets = {r.get("target_label") for r in docker[0].get("relabel_configs", [])}
        for want in ("job", "container", "instance"):
            if want not in targets:
                problem(f"promtail docker job: no relabel to '{want}'")
    compose = open(os.path.join(STACK, "docker-compose.yml")).read()
    if "logging.job: claw-ai-sample-app" not in compose:
        problem("docker-compose: sample-app must carry the label logging.job: claw-ai-sample-app")
    paths = [sc.get("labels", {}).get("__path__", "") for s in scs for sc in s.get("static_configs", [])]
    nginx_conf = open(os.path.join(STACK, "nginx", "nginx.conf")).read()
    m = re.search(r"access_log\s+(\S+)\s+claw_json", nginx_conf)
    if not m:
        problem("nginx.conf: no JSON access_log")
    elif m.group(1) not in paths:
        problem(f"promtail does not read the nginx JSON access log {m.group(1)}")
    if not any(sc.get("labels", {}).get("job") == "claw-ai-sample-app" for s in scs for sc in s.get("static_configs", [])):
        problem("promtail: no file job for the sample app's log")
    print(f"  loki retention {limits.get('retention_period')}, promtail jobs: {[s['job_name'] for s in scs]}")
    finish("logs config")


# ----------------------------------------------------------------------------- queries
def all_queries():
    """Every query of every dashboard: dicts with dashboard, panel, refId, datasource, expr, substituted."""
    out = []
    for name, dash in dashboards():
        variables = dashboard_variables(dash)
        for p, t, dstype in dashboard_queries(dash):
            expr = t.get("expr", "")
            out.append({"dashboard": name, "panel": p.get("title"), "refId": t.get("refId"), "datasource": dstype,
                        "instant": bool(t.get("instant")), "expr": expr, "substituted": substitute(expr, variables)})
        for vname, var in variables.items():
            q = variable_query(var)
            m = re.match(r"label_values\((.*),\s*(\w+)\)$", q)
            if m:
                sel = substitute(m.group(1), variables)
                out.append({"dashboard": name, "panel": f"${vname}", "refId": "variable", "datasource": "prometheus",
                            "instant": True, "expr": q, "substituted": sel})
    return out


def cmd_list_queries():
    for q in all_queries():
        print(json.dumps(q))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_post(url, data):
    req = urllib.request.Request(url, data=urllib.parse.urlencode(data).encode())
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return json.load(r)
    except urllib.error.HTTPError as e:
        return json.load(e)


def cmd_promql():
    prom = shutil.which("prometheus")
    if not prom:
        problem("prometheus binary not found")
        finish("promql")
    work = tempfile.mkdtemp(prefix="claw-promql-")
    port = free_port()
    cfg = os.path.join(work, "prometheus.yml")
    with open(cfg, "w") as f:
        # The stack's rule files are loaded too: queries on recording-rule series then run
        # against the real rule set.
        yaml.safe_dump({"global": {"scrape_interval": "15s"},
                        "rule_files": [os.path.join(STACK, "prometheus", "rules", "*.yml")],
                        "scrape_configs": []}, f)
    log = open(os.path.join(work, "prometheus.log"), "w")
    proc = subprocess.Popen([prom, f"--config.file={cfg}", f"--storage.tsdb.path={work}/data",
                             f"--web.listen-address=127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(base + "/-/ready", timeout=1) as r:
                    if r.status == 200:
                        break
            except Exception:
                time.sleep(0.1)
        else:
            problem("temporary Prometheus did not become ready")
            finish("promql")
        n = 0
        for q in all_queries():
            if q["datasource"] != "prometheus":
                continue
            n += 1
            where = f"{q['dashboard']} '{q['panel']}' {q['refId']}"
            if "$" in q["substituted"]:
                problem(f"{where}: unsubstituted variable in {q['substituted']}")
                continue
            r = http_post(base + "/api/v1/format_query", {"query": q["substituted"]})
            if r.get("status") != "success":
                problem(f"{where}: does not parse: {r.get('error')}\n    {q['substituted']}")
                continue
            r = http_post(base + "/api/v1/query", {"query": q["substituted"]})
            if r.get("status") != "success":
                problem(f"{where}: does not evaluate: {r.get('error')}\n    {q['substituted']}")
        print(f"  {n} PromQL queries parsed and evaluated on Prometheus at {base}")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        shutil.rmtree(work, ignore_errors=True)
    finish("promql")


COMMANDS = {
    "compose": cmd_compose, "env-example": cmd_env_example, "prometheus-config": cmd_prometheus_config,
    "provisioning": cmd_provisioning, "dashboards": cmd_dashboards, "metric-names": cmd_metric_names,
    "runbooks": cmd_runbooks, "test-coverage": cmd_test_coverage, "logs-config": cmd_logs_config,
    "list-queries": cmd_list_queries, "promql": cmd_promql,
}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in COMMANDS:
        print(__doc__)
        sys.exit(2)
    COMMANDS[sys.argv[1]]()
