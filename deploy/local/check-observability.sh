#!/usr/bin/env bash
# Static checks of the observability and deployment code; run by `make test`, needs no
# running service (a few seconds):
#   promtool check config / check rules / test rules, amtool check-config,
#   every YAML and JSON file parses, the dashboards are what grafana/generate_dashboards.py writes,
#   ports and probe paths in prometheus.yml, docker-compose and k8s match application.properties,
#   every metric a rule or dashboard names is listed in prometheus/metric-names.txt.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

log() { echo "[check-observability] $*"; }
for tool in promtool amtool python3 docker-compose; do
  command -v "$tool" >/dev/null || { log "$tool is missing (apt-get install prometheus prometheus-alertmanager python3-yaml docker-compose)"; exit 1; }
done
python3 -c 'import yaml' 2>/dev/null || { log "PyYAML is missing (apt-get install python3-yaml)"; exit 1; }

log "promtool check config"
promtool check config prometheus/prometheus.yml >/dev/null
log "promtool test rules"
promtool test rules prometheus/tests/*.yml
log "docker-compose config: the file is valid; Redis, PostgreSQL and management ports bind 127.0.0.1 unless BIND_ADDRESS says"
# Debian's docker-compose (v1) does not know the top-level name:, which Compose v2 reads
compose_config() { sed '/^name:/d' deploy/docker-compose.yml | ADMIN_TOKEN=x docker-compose --project-directory deploy -f - config; }
loopback="$(compose_config | grep -cE -- '- 127\.0\.0\.1:(5432|6379|9080|9081|9082):')"
[ "$loopback" = 5 ] || { log "FAIL docker-compose config: $loopback of 5 ports bound to 127.0.0.1"; exit 1; }
[ "$(BIND_ADDRESS=0.0.0.0 compose_config | grep -cE -- '- 0\.0\.0\.0:(5432|6379|9080|9081|9082):')" = 5 ] \
  || { log "FAIL docker-compose config: BIND_ADDRESS=0.0.0.0 does not publish them on every interface"; exit 1; }
log "amtool check-config"
amtool check-config deploy/alertmanager/alertmanager.yml >/dev/null
log "amtool config routes test: critical -> pager, warning -> chat, no severity -> email, for every alert"
route() { # expected receiver, labels...
  amtool config routes test --config.file=deploy/alertmanager/alertmanager.yml --verify.receivers="$1" "${@:2}" \
    >/dev/null 2>&1 || { log "FAIL labels ${*:2} do not route to $1"; exit 1; }
}
while read -r alert severity; do
  route "$([ "$severity" = critical ] && echo pager || echo chat)" alertname="$alert" severity="$severity" job=recommender-service
done < <(python3 -c '
import yaml
for g in yaml.safe_load(open("prometheus/rules/alerts.yml"))["groups"]:
    for r in g["rules"]:
        print(r["alert"], r["labels"]["severity"])')
route email alertname=Watchdog

python3 - <<'PY'
import glob, json, pathlib, re, sys, yaml, importlib.util

failures = []
def fail(msg): failures.append(msg)

# --- every YAML / JSON file parses --------------------------------------------------------
yaml_files = [f for pattern in ("prometheus/**/*.yml", "grafana/**/*.yml", "deploy/**/*.yml", "deploy/**/*.yaml")
              for f in glob.glob(pattern, recursive=True)]
docs = {}
for f in sorted(set(yaml_files)):
    try:
        docs[f] = [d for d in yaml.safe_load_all(open(f)) if d is not None]
    except yaml.YAMLError as e:
        fail(f"{f}: YAML does not parse: {e}")
dashboards = {}
for f in sorted(glob.glob("grafana/dashboards/*.json")):
    try:
        dashboards[f] = json.load(open(f))
    except json.JSONDecodeError as e:
        fail(f"{f}: JSON does not parse: {e}")
print(f"[check-observability] {len(docs)} YAML and {len(dashboards)} dashboard files parse")

# --- dashboards are generated ------------------------------------------------------------
spec = importlib.util.spec_from_file_location("generate_dashboards", "grafana/generate_dashboards.py")
generator = importlib.util.module_from_spec(spec); spec.loader.exec_module(generator)
for name, dashboard in generator.DASHBOARDS.items():
    path = f"grafana/dashboards/{name}.json"
    if dashboards.get(path) != dashboard:
        fail(f"{path} differs from grafana/generate_dashboards.py: run python3 grafana/generate_dashboards.py")
if set(dashboards) != {f"grafana/dashboards/{n}.json" for n in generator.DASHBOARDS}:
    fail("grafana/dashboards/ holds files the generator does not write")

# --- ports and probes match the services' configuration ----------------------------------
services = {}
for name in ("recommender-service", "drift-service", "metrics-gateway"):
    props = {}
    # the shared defaults of service-common first, then the service's own keys, which override them
    for source in ("service-common/src/main/resources/META-INF/microprofile-config.properties",
                   f"{name}/src/main/resources/application.properties"):
        for line in open(source):
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                k, v = line.split("=", 1)
                props[k.strip()] = v.strip()
    def port(key):
        m = re.fullmatch(r"\$\{[A-Z_]+:(\d+)\}|(\d+)", props[key])
        return int(m.group(1) or m.group(2))
    assert props.get("quarkus.management.enabled") == "true", f"{name}: management interface is off"
    # Quarkus serves a relative path under the non-application root /q, an absolute one as it is.
    def served_path(key, default):
        path = props.get(key, default)
        return path if path.startswith("/") else f"/q/{path}"
    services[name] = {"api": port("quarkus.http.port"), "management": port("quarkus.management.port"),
                      "health": served_path("quarkus.smallrye-health.root-path", "health"),
                      "metrics": served_path("quarkus.micrometer.export.prometheus.path", "metrics")}
    for key, path in (("health", "/q/health"), ("metrics", "/q/metrics")):
        if services[name][key] != path:
            fail(f"{name}: application.properties serves {key} at {services[name][key]}, docs/architecture.md §3 says {path}")
            services[name][key] = path  # the deployment files below follow the contract

prom = docs["prometheus/prometheus.yml"][0]
jobs = {j["job_name"]: j for j in prom["scrape_configs"]}
for name, s in services.items():
    job = jobs.get(name)
    if not job:
        fail(f"prometheus.yml: no job {name}"); continue
    if job.get("metrics_path") != s["metrics"]:
        fail(f"prometheus.yml: {name} metrics_path {job.get('metrics_path')} != {s['metrics']}")
    targets = [t for sc in job["static_configs"] for t in sc["targets"]]
    if targets != [f"{name}:{s['management']}"]:
        fail(f"prometheus.yml: {name} targets {targets} != {name}:{s['management']}")

compose = docs["deploy/docker-compose.yml"][0]["services"]
for name, s in services.items():
    c = compose[name]
    ports = set(c.get("ports", []))
    if f"{s['api']}:{s['api']}" not in ports:
        fail(f"docker-compose: {name} does not publish {s['api']}")
    # management (health, metrics) only on the loopback address unless BIND_ADDRESS says otherwise
    if f"${{BIND_ADDRESS:-127.0.0.1}}:{s['management']}:{s['management']}" not in ports:
        fail(f"docker-compose: {name} does not publish {s['management']} on ${{BIND_ADDRESS:-127.0.0.1}}")
    probe = " ".join(c["healthcheck"]["test"])
    if name == "metrics-gateway":
        for store in ("postgres", "redis"):
            if not all(p.startswith("${BIND_ADDRESS:-127.0.0.1}:") for p in compose[store].get("ports", [])):
                fail(f"docker-compose: {store} is published beyond ${{BIND_ADDRESS:-127.0.0.1}}")
    if f"http://localhost:{s['management']}{s['health']}/ready" not in probe:
        fail(f"docker-compose: {name} healthcheck {probe!r} is not the readiness endpoint")

expected_probes = {"startupProbe": "started", "livenessProbe": "live", "readinessProbe": "ready"}
for f in glob.glob("deploy/k8s/**/*.yaml", recursive=True):
    for d in docs.get(f, []):
        if d.get("kind") != "Deployment" or d["metadata"]["name"] not in services:
            continue  # exporters (deploy/k8s/exporters, gpu/dcgm-exporter.yaml) have their own ports
        name = d["metadata"]["name"]
        s = services[name]
        for c in d["spec"]["template"]["spec"].get("containers", []):
            ports = {p["name"]: p["containerPort"] for p in c.get("ports", [])}
            if "ports" in c and ports != {"http": s["api"], "management": s["management"]}:
                fail(f"{f}: {name} ports {ports} != http {s['api']}, management {s['management']}")
            for probe, suffix in expected_probes.items():
                if probe not in c and "image" in c and "ports" not in c:
                    continue  # a patch (GPU overlay) keeps the base's probes
                get = c.get(probe, {}).get("httpGet", {})
                if get.get("path") != f"{s['health']}/{suffix}" or get.get("port") != "management":
                    fail(f"{f}: {name} {probe} {get} != {s['health']}/{suffix} on the management port")
        ann = d["spec"]["template"].get("metadata", {}).get("annotations", {})
        if ann and (ann.get("prometheus.io/port") != str(s["management"]) or ann.get("prometheus.io/path") != s["metrics"]):
            fail(f"{f}: {name} prometheus.io annotations {ann} do not match the management port/path")

# --- metric names --------------------------------------------------------------------------
known = set()
for line in open("prometheus/metric-names.txt"):
    line = line.split("#", 1)[0].strip()
    if line:
        known.add(line.split()[0])
recording = {r["record"] for g in docs["prometheus/rules/recording.yml"][0]["groups"] for r in g["rules"]}
PROMQL_WORDS = {"sum", "min", "max", "avg", "count", "by", "without", "on", "ignoring", "group_left",
                "group_right", "and", "or", "unless", "bool", "offset", "le", "inf", "nan"}

def metric_names(expr):
    """Metric names of a PromQL expression (the regex way: strings, label matchers, ranges,
    grouping clauses and function calls removed)."""
    expr = re.sub(r'"(\\.|[^"\\])*"', "", expr)
    expr = re.sub(r"\{[^}]*\}", "", expr)
    expr = re.sub(r"\[[^\]]*\]", "", expr)
    expr = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", "", expr)
    expr = re.sub(r"\$\w+", "", expr)
    names = set()
    for m in re.finditer(r"(?<![\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)\b(\s*\()?", expr):
        word, call = m.group(1), m.group(2)
        if call or word.lower() in PROMQL_WORDS or re.fullmatch(r"\d+[smhdwy]", word):
            continue
        names.add(word)
    return names

def check_expr(where, expr):
    for name in metric_names(expr):
        base = re.sub(r"_(bucket|count|sum)$", "", name)
        if name in recording or name in known or base in known:
            continue
        fail(f"{where}: metric {name} is neither in prometheus/metric-names.txt nor a recording rule")

for f in ("prometheus/rules/recording.yml", "prometheus/rules/alerts.yml"):
    for g in docs[f][0]["groups"]:
        for r in g["rules"]:
            check_expr(f"{f} {r.get('alert') or r.get('record')}", r["expr"])
            if "alert" in r:
                if r.get("labels", {}).get("severity") not in ("critical", "warning"):
                    fail(f"{f} {r['alert']}: severity must be critical or warning")
                if not {"summary", "description"} <= set(r.get("annotations", {})):
                    fail(f"{f} {r['alert']}: needs a summary and a description")
for f, d in dashboards.items():
    for p in d["panels"]:
        for t in p.get("targets", []):
            check_expr(f"{f} '{p['title']}'", t["expr"])

# every alert has a firing case in prometheus/tests
alerts = {r["alert"] for g in docs["prometheus/rules/alerts.yml"][0]["groups"] for r in g["rules"] if "alert" in r}
tested = set()
for f in glob.glob("prometheus/tests/*.yml"):
    for t in docs[f][0]["tests"]:
        for a in t.get("alert_rule_test", []):
            if a.get("exp_alerts"):
                tested.add(a["alertname"])
for a in sorted(alerts - tested):
    fail(f"alert {a} has no firing case in prometheus/tests")

for msg in failures:
    print(f"[check-observability] FAIL {msg}", file=sys.stderr)
if failures:
    sys.exit(1)
print(f"[check-observability] {len(alerts)} alerts tested; ports, probes and metric names consistent")
PY
