#!/usr/bin/env bash
# `make e2e`: the running stack seen through a real Prometheus (the installed binary).
#   1. starts the stack (`stack.sh up`) unless it is up; when it starts it, the drift service
#      evaluates every 5 s (DRIFT_EVALUATION_INTERVAL) so the run stays short, and the drift window
#      and the gateway's gauge window are 5 minutes, the length of the steady phase;
#   2. starts node_exporter, redis_exporter and postgres_exporter (Debian packages) on free loopback
#      ports, and Prometheus on 127.0.0.1:$E2E_PROM_PORT with a temp data dir, the project's scrape
#      config pointed at localhost with a 2 s interval (dcgm-exporter left out: no GPU here), and the
#      project's rules with every `for:` shortened to $E2E_FOR;
#   3. drives `steady` traffic from the simulator with ground truth (`model-builder simulate`) for
#      $E2E_STEADY_SECONDS (5 min), then checks through the Prometheus HTTP API that every target is
#      up, every metric of prometheus/metric-names.txt is exported and every dashboard query returns
#      data (the few that may legitimately be empty are listed with the reason); and that steady
#      traffic is calm: no alert firing, no feature flagged in the drift status, online RMSE within
#      ±0.1 of the model card's offline RMSE;
#   4. is loud on real change: the `drift` scenario (change `genres`) must fire DataDriftDetected for
#      the four rec_* features and DatasetDrift, not the user_* ones, and the report must name them;
#      the `degrade` scenario (a damaged model version, removed again at the end) must fire
#      HighModelError; metrics-gateway stopped (SIGSTOP, resumed afterwards) must fire ServiceDown.
# The drift and degrade traffic is real traffic: the drift alerts stay on until it leaves the drift
# window, and the damaged version's feedback stays in the gateway's quality window. Against a stack
# that is already up (15-minute / 1-hour windows), leave an hour between runs. The admin token (degrade reloads the model) is $ADMIN_TOKEN; when this script
# starts the stack it makes one up. Takes about 11 minutes. Prometheus' data, the simulator's logs
# and summaries stay in a temp dir when a check fails.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

bash deploy/local/services.sh tools
for tool in prometheus prometheus-node-exporter prometheus-redis-exporter prometheus-postgres-exporter \
            python3 java redis-cli curl; do
  command -v "$tool" >/dev/null || { echo "[e2e] $tool is missing" >&2; exit 1; }
done
python3 -c 'import yaml' 2>/dev/null || { echo "[e2e] PyYAML is missing (apt-get install python3-yaml)" >&2; exit 1; }

ready() { curl -fs -o /dev/null "http://127.0.0.1:$1/q/health/ready"; }
if ! { ready 9080 && ready 9081 && ready 9082; }; then
  echo "[e2e] stack not up: starting it (drift evaluation every ${DRIFT_EVALUATION_INTERVAL:-5s})"
  export DRIFT_EVALUATION_INTERVAL="${DRIFT_EVALUATION_INTERVAL:-5s}"
  # windows as long as the steady phase, so a stack it starts judges only this run's traffic (an
  # earlier run's drift or damaged version, still in the default 15-minute / 1-hour windows, would not)
  export DRIFT_WINDOW_SIZE="${DRIFT_WINDOW_SIZE:-5m}" GATEWAY_QUALITY_WINDOW="${GATEWAY_QUALITY_WINDOW:-5m}"
  export ADMIN_TOKEN="${ADMIN_TOKEN:-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
  bash deploy/local/stack.sh up
fi

[ -n "${ADMIN_TOKEN:-}" ] || { echo "[e2e] the degrade scenario reloads the model: set ADMIN_TOKEN to the running stack's token" >&2; exit 1; }
export E2E_ROOT="$ROOT"
exec python3 - "$@" <<'PY'
import glob, json, os, re, shutil, signal, subprocess, sys, tempfile, time, urllib.parse, urllib.request
import yaml

ROOT = os.environ["E2E_ROOT"]
PROM_PORT = int(os.environ.get("E2E_PROM_PORT", "19090"))
FOR = os.environ.get("E2E_FOR", "4s")
STEADY_SECONDS = int(os.environ.get("E2E_STEADY_SECONDS", "300"))
DRIFT_SECONDS = int(os.environ.get("E2E_DRIFT_SECONDS", "60"))
DEGRADE_SECONDS = int(os.environ.get("E2E_DEGRADE_SECONDS", "150"))
LOAD_USERS = int(os.environ.get("E2E_LOAD_USERS", "8"))
DRIFT_TIMEOUT = int(os.environ.get("E2E_DRIFT_TIMEOUT", "120"))
RMSE_TOLERANCE = 0.1
# The `genres` drift change asks for Horror/Sci-Fi lists: it moves what is served, not who asks.
DRIFTED = {"rec_mean_score", "rec_top_score", "rec_mean_popularity", "rec_top_genre"}
UNCHANGED = {"user_rating_count", "user_mean_rating", "user_segment"}
MODEL = os.environ.get("MODEL", "movie-recs")
MODEL_REPOSITORY = os.environ.get("MODEL_REPOSITORY", os.path.join(ROOT, "models"))
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379")
SERVICES = {"recommender-service": 9080, "drift-service": 9081, "metrics-gateway": 9082}
PROM = f"http://127.0.0.1:{PROM_PORT}"

# Dashboard queries that may be empty on a healthy stack, and why (panel title -> reason).
# Queries over a metric marked "may be absent" in prometheus/metric-names.txt are added below.
NO_GPU = "no GPU here: dcgm-exporter runs on GPU nodes and in the compose profile gpu (promtool tests cover the rules)"
EMPTY_OK = {"GPU utilization": NO_GPU, "GPU memory used": NO_GPU}

failures = []
def log(msg): print(f"[e2e] {msg}", flush=True)
def fail(msg):
    failures.append(msg); log(f"FAIL {msg}")

def http_json(url, data=None, timeout=10):
    req = urllib.request.Request(url, data=data)
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return json.loads(r.read())

def query(expr):
    url = f"{PROM}/api/v1/query?" + urllib.parse.urlencode({"query": expr})
    return http_json(url)["data"]["result"]

def wait_for(what, predicate, timeout, step=1.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if predicate():
                return True
        except Exception:
            pass
        time.sleep(step)
    return False

def firing(alertname, **labels):
    matchers = "".join(f', {k}="{v}"' for k, v in labels.items())
    return query(f'ALERTS{{alertname="{alertname}", alertstate="firing"{matchers}}}')

# ---------------------------------------------------------------- exporters on free loopback ports
def free_port():
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]

work = tempfile.mkdtemp(prefix="e2e-prometheus-")
db = urllib.parse.quote(os.environ.get("DB_USER", "postgres")) + (
    ":" + urllib.parse.quote(os.environ["DB_PASSWORD"]) if os.environ.get("DB_PASSWORD") else "")
exporter_ports = {job: free_port() for job in ("node-exporter", "redis-exporter", "postgres-exporter")}
exporter_commands = {
    "node-exporter": (["prometheus-node-exporter", f"--web.listen-address=127.0.0.1:{exporter_ports['node-exporter']}",
                       "--collector.disable-defaults", "--collector.cpu", "--collector.meminfo",
                       "--collector.diskstats", "--collector.netdev", "--collector.filesystem"], {}),
    "redis-exporter": (["prometheus-redis-exporter", "-redis.addr", REDIS_URL,
                        "-web.listen-address", f"127.0.0.1:{exporter_ports['redis-exporter']}"], {}),
    "postgres-exporter": (["prometheus-postgres-exporter", f"--web.listen-address=127.0.0.1:{exporter_ports['postgres-exporter']}",
                           "--auto-discover-databases", f"--extend.query-path={ROOT}/deploy/postgres-exporter/queries.yaml"],
                          {"DATA_SOURCE_NAME": f"postgresql://{db}@{os.environ.get('DB_HOST', '127.0.0.1')}:"
                                               f"{os.environ.get('DB_PORT', '5432')}/postgres?sslmode=disable"}),
}
exporters = [subprocess.Popen(cmd, env={**os.environ, **env}, stdout=open(f"{work}/{job}.log", "w"),
                              stderr=subprocess.STDOUT)
             for job, (cmd, env) in exporter_commands.items()]

# ---------------------------------------------------------------- Prometheus, test copy of the config
os.makedirs(f"{work}/rules")
shutil.copy(f"{ROOT}/prometheus/rules/recording.yml", f"{work}/rules/recording.yml")
alerts = yaml.safe_load(open(f"{ROOT}/prometheus/rules/alerts.yml"))
for group in alerts["groups"]:
    for rule in group["rules"]:
        if "for" in rule:
            rule["for"] = FOR
yaml.safe_dump(alerts, open(f"{work}/rules/alerts.yml", "w"), sort_keys=False)
config = yaml.safe_load(open(f"{ROOT}/prometheus/prometheus.yml"))
config["global"].update({"scrape_interval": "2s", "evaluation_interval": "2s", "scrape_timeout": "1500ms"})
config.pop("alerting", None)
config["rule_files"] = [f"{work}/rules/recording.yml", f"{work}/rules/alerts.yml"]
config["scrape_configs"] = [job for job in config["scrape_configs"] if job["job_name"] != "dcgm-exporter"]
for job in config["scrape_configs"]:
    name = job["job_name"]
    for sc in job["static_configs"]:
        sc["targets"] = [f"127.0.0.1:{PROM_PORT}" if name == "prometheus"
                         else f"127.0.0.1:{exporter_ports[name]}" if name in exporter_ports
                         else "127.0.0.1:" + t.rsplit(":", 1)[1] for t in sc["targets"]]
yaml.safe_dump(config, open(f"{work}/prometheus.yml", "w"), sort_keys=False)

prom_log = open(f"{work}/prometheus.log", "w")
prometheus = subprocess.Popen(
    ["prometheus", f"--config.file={work}/prometheus.yml", f"--storage.tsdb.path={work}/data",
     f"--web.listen-address=127.0.0.1:{PROM_PORT}", "--enable-feature=exemplar-storage"],
    stdout=prom_log, stderr=subprocess.STDOUT)
stopped_pid = None

def finish(code):
    if stopped_pid:
        os.kill(stopped_pid, signal.SIGCONT)
    for process in [prometheus, *exporters]:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
    if code == 0 and not os.environ.get("E2E_KEEP"):
        shutil.rmtree(work, ignore_errors=True)
    else:
        log(f"Prometheus config, rules, data and log kept in {work}")
    sys.exit(code)

signal.signal(signal.SIGTERM, lambda *_: finish(1))
signal.signal(signal.SIGINT, lambda *_: finish(1))

try:
    if not wait_for("prometheus", lambda: urllib.request.urlopen(f"{PROM}/-/ready", timeout=2).status == 200, 30, 0.5):
        fail(f"Prometheus did not become ready on {PROM} (log: {work}/prometheus.log)")
        finish(1)
    log(f"Prometheus {PROM} scraping every 2 s, alert `for:` shortened to {FOR}")

    # ------------------------------------------------------------ traffic
    for url in ["http://127.0.0.1:8080/api/v1/model", "http://127.0.0.1:8080/api/v1/monitoring/summary",
                "http://127.0.0.1:8081/api/v1/drift/models", f"http://127.0.0.1:8081/api/v1/drift/models/{MODEL}/status",
                f"http://127.0.0.1:8082/api/v1/quality?model={MODEL}&window=1h",
                "http://127.0.0.1:8082/api/v1/monitoring/summary", "http://127.0.0.1:8082/api/v1/services/health",
                "http://127.0.0.1:8080/api/v1/movies/0"]:
        try:
            urllib.request.urlopen(url, timeout=10).read()
        except Exception:
            pass  # 404/503 answers count as traffic too
    versions = sorted(glob.glob(f"{MODEL_REPOSITORY}/{MODEL}/[0-9]*"), key=lambda p: int(os.path.basename(p)))
    catalog = versions[-1] if versions else ""

    def simulate(label, seconds, *extra, background=False):
        """`model-builder simulate` against the stack; returns (process or result, summary file)."""
        summary = f"{work}/{label}.json"
        command = ["bash", f"{ROOT}/model-builder/bin/model-builder", "simulate", "--repository", MODEL_REPOSITORY,
                   "--model", MODEL, "--duration", f"{seconds}s", "--users", str(LOAD_USERS), "--json", summary, *extra]
        out = open(f"{work}/{label}.log", "w")
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, text=True)
        return (process if background else process.wait()), summary

    def show_table(label):
        lines = open(f"{work}/{label}.log").read().splitlines()
        print("\n".join(l for l in lines if not l.startswith("[simulate] ") or "success" in l), flush=True)

    # ------------------------------------------------------------ steady traffic: calm by default
    log(f"steady: {LOAD_USERS} simulated users for {STEADY_SECONDS} s (model-builder simulate, ground truth)")
    code, steady_summary = simulate("steady", STEADY_SECONDS)
    show_table("steady")
    if code != 0:
        fail(f"steady load: fewer than 99 % of the requests succeeded (table above, log {work}/steady.log)")

    # ------------------------------------------------------------ targets and exported metrics
    def all_up():
        return {r["metric"]["job"]: r["value"][1] for r in query("up")}
    jobs = {job["job_name"] for job in config["scrape_configs"]}
    wait_for("targets", lambda: all(v == "1" for v in all_up().values()) and set(all_up()) == jobs, 20)
    for job in sorted(jobs - set(all_up())):
        fail(f"target {job}: not scraped (log: {work}/{job}.log)")
    for job, value in sorted(all_up().items()):
        (log if value == "1" else fail)(f"target {job}: up={value}")

    names, sources, optional = [], {}, set()
    for line in open(f"{ROOT}/prometheus/metric-names.txt"):
        body = line.split("#", 1)[0].strip()
        if body:
            name, source = body.split()[:2]
            names.append(name)
            sources[name] = source
            if "may be absent" in body:
                optional.add(name)
    def exported():
        """(metric name, job) pairs Prometheus has now; a histogram counts by its _count/_bucket."""
        series = query('count by (__name__, job) ({__name__=~".+"})')
        have = {(r["metric"]["__name__"], r["metric"].get("job")) for r in series}
        return {(n, job) for n in names for suffix in ("", "_count", "_bucket")
                for (m, job) in have if m == n + suffix}
    def missing():
        have = exported()
        return {n for n in names if n not in optional and not any(
            m == n and (sources[n] not in SERVICES or job == sources[n]) for m, job in have)}
    # Quality gauges follow the feedback, drift gauges the next evaluation: give them a moment.
    wait_for("metrics", lambda: not missing(), 60, 2)
    have, absent = exported(), missing()
    for n in names:
        jobs = sorted({job for m, job in have if m == n})
        if n in absent:
            fail(f"metric {n} is not exported by {sources[n]} (seen on: {', '.join(jobs) or 'none'})")
        elif not jobs:
            log(f"metric {n}: not exported yet (allowed: only after the event it counts)")
    log(f"{len({m for m, _ in have})} of {len(names)} listed metrics exported, each by the service named in metric-names.txt")

    # values, not only series: the load served users, cached lists; the exporters read the host and PostgreSQL
    for expr in ('recommendation_active_users{window="5m"} > 0', "recommendation_cache_size > 0",
                 "system_cpu_usage_percent >= 0", "system_memory_usage_percent > 0", "pg_table_total_size_bytes > 0"):
        if wait_for(expr, lambda: query(expr), 40, 2):
            log(f"{expr}: " + ", ".join(r["value"][1] for r in query(expr)[:3]))
        else:
            fail(f"no sample satisfies {expr}")

    # ------------------------------------------------------------ dashboard queries
    empty_ok = dict(EMPTY_OK)
    dashboards = sorted(glob.glob(f"{ROOT}/grafana/dashboards/*.json"))
    checked = 0
    for f in dashboards:
        for panel in json.load(open(f))["panels"]:
            for t in panel.get("targets", []):
                expr = t["expr"].replace("$__rate_interval", "1m").replace("$__range", "5m")
                checked += 1
                try:
                    result = query(expr)
                except Exception as e:
                    fail(f"{os.path.basename(f)} '{panel['title']}': query error {e}: {expr}")
                    continue
                if result:
                    continue
                reason = empty_ok.get(panel["title"]) or next(
                    (f"{n} is counted only after the event" for n in optional if n in expr), None)
                if reason:
                    log(f"{os.path.basename(f)} '{panel['title']}': empty ({reason})")
                else:
                    fail(f"{os.path.basename(f)} '{panel['title']}': no data for {expr}")
    log(f"{checked} dashboard queries run")

    # ------------------------------------------------------------ steady: no alarm, online = offline
    # Rules run every 2 s with `for:` shortened to {FOR}: any alert the steady traffic provokes fires here.
    time.sleep(10)
    calm = sorted({(r["metric"]["alertname"], r["metric"].get("feature", r["metric"].get("uri", "")))
                   for r in query('ALERTS{alertstate="firing"}')})
    if calm:
        fail("steady traffic raised alerts: " + ", ".join(f"{a} {l}".strip() for a, l in calm))
    else:
        log(f"steady: no alert firing after {STEADY_SECONDS} s of simulated traffic")
    status = http_json(f"http://127.0.0.1:8081/api/v1/drift/models/{MODEL}/status")
    flagged = sorted(f for f, v in (status.get("features") or {}).items() if v.get("driftDetected"))
    if status.get("status") != "ok":
        fail(f"steady: drift status is {status.get('status')} (window of {status.get('samples')} events), not ok")
    elif flagged:
        fail(f"steady: features flagged as drifted on steady traffic: {flagged}")
    else:
        detail = ", ".join(f"{f} p={v.get('pValue'):.3g}" for f, v in status["features"].items() if v.get("pValue") is not None)
        log(f"steady: 0 of {len(status['features'])} features drifted over {status['samples']} events "
            f"(α {next(iter(status['features'].values())).get('alpha')}): {detail}")
    summary = json.load(open(steady_summary))
    online = ((summary.get("online") or {}).get("overall") or {}).get("rmse")
    offline = (summary.get("offline") or {}).get("rmse")
    if online is None or offline is None:
        fail(f"steady: no online ({online}) or offline ({offline}) RMSE in {steady_summary}")
    elif abs(online - offline) > RMSE_TOLERANCE:
        fail(f"steady: online RMSE {online:.3f} is not within ±{RMSE_TOLERANCE} of the model card's {offline:.3f}")
    else:
        log(f"steady: online RMSE {online:.3f} vs offline {offline:.3f} "
            f"({summary['online']['overall'].get('ratings')} ratings)")

    # ------------------------------------------------------------ drift: loud on real change
    before = {r["metric"].get("feature") for r in query(f'data_drift_detected{{model="{MODEL}"}} == 1')}
    if before:
        fail(f"drift: features already drifted before the change: {sorted(before)}")
    log(f"drift: {DRIFT_SECONDS} s of the `drift` scenario, change `genres` (half the lists ask for Horror/Sci-Fi)")
    code, _ = simulate("drift", DRIFT_SECONDS, "--scenario", "drift", "--drift-at", "0s", "--drift-changes", "genres")
    if code != 0:
        show_table("drift")
        fail("drift load: fewer than 99 % of the requests succeeded (table above)")
    started = time.time()
    def drifted():
        return {r["metric"].get("feature") for r in firing("DataDriftDetected", model=MODEL)}
    if wait_for("drift", lambda: DRIFTED <= drifted() and firing("DatasetDrift", model=MODEL), DRIFT_TIMEOUT, 2):
        log(f"drift: DataDriftDetected firing for {sorted(drifted())} and DatasetDrift, "
            f"{time.time() - started:.0f} s after the drifted traffic ended")
    else:
        fail(f"drift: expected DataDriftDetected for {sorted(DRIFTED)} and DatasetDrift within {DRIFT_TIMEOUT} s; "
             f"firing: {sorted(drifted())}, DatasetDrift: {bool(firing('DatasetDrift', model=MODEL))}")
    if drifted() & UNCHANGED:
        fail(f"drift: features the change does not move fired too: {sorted(drifted() & UNCHANGED)}")
    report = urllib.request.urlopen(f"http://127.0.0.1:8081/api/v1/drift/models/{MODEL}/report", timeout=10).read().decode()
    verdicts = {m.group(1): 'class="drift">DRIFT' in m.group(0)
                for m in re.finditer(r'<tr><td><a href="#f-([^"]+)">.*?</tr>', report, re.S)}
    if {f for f, d in verdicts.items() if d} != DRIFTED:
        fail(f"drift: the report marks {sorted(f for f, d in verdicts.items() if d)} as drifted, expected {sorted(DRIFTED)}")
    else:
        log(f"drift: the report names {sorted(DRIFTED)} as drifted and {sorted(UNCHANGED)} as not")

    # ------------------------------------------------------------ degrade: the quality alerts
    model_before = str(http_json("http://127.0.0.1:8080/api/v1/model")["version"])
    log(f"degrade: a damaged copy of version {model_before} serves for up to {DEGRADE_SECONDS} s")
    process, _ = simulate("degrade", DEGRADE_SECONDS, "--scenario", "degrade", "--drift-at", "0s", background=True)
    started = time.time()
    def damaged_error():
        return [r for r in firing("HighModelError", model=MODEL) if r["metric"].get("version") != str(model_before)]
    if wait_for("degrade", damaged_error, DEGRADE_SECONDS, 2):
        r = damaged_error()[0]["metric"]
        log(f"degrade: HighModelError firing for version {r.get('version')} after {time.time() - started:.0f} s")
    else:
        fail(f"degrade: HighModelError did not fire for the damaged version within {DEGRADE_SECONDS} s")
    process.send_signal(signal.SIGINT)  # the simulator removes the damaged version and reloads on its way out
    try:
        process.wait(120)
    except subprocess.TimeoutExpired:
        process.kill()
        fail("degrade: the simulator did not stop within 120 s of SIGINT")
    if wait_for("restored", lambda: str(http_json("http://127.0.0.1:8080/api/v1/model")["version"]) == model_before, 60, 2):
        log(f"degrade: version {model_before} serves again, the damaged version is removed")
    else:
        fail(f"degrade: version {http_json('http://127.0.0.1:8080/api/v1/model')['version']} serves after the "
             f"scenario, not {model_before} (log {work}/degrade.log)")

    # ------------------------------------------------------------ fault 2: a stopped service
    pidfile = f"{ROOT}/.local/run/metrics-gateway.pid"
    pid = None
    if os.path.exists(pidfile):
        pid = int(open(pidfile).read().strip())
    else:
        out = subprocess.run(["ss", "-ltnpH", "sport = :9082"], text=True, capture_output=True).stdout
        m = re.search(r"pid=(\d+)", out)
        pid = int(m.group(1)) if m else None
    if pid is None:
        fail("ServiceDown: cannot find the metrics-gateway process (.local/run/metrics-gateway.pid)")
    else:
        os.kill(pid, signal.SIGSTOP)
        stopped_pid = pid
        started = time.time()
        log(f"metrics-gateway (pid {pid}) stopped with SIGSTOP")
        if wait_for("down", lambda: firing("ServiceDown", job="metrics-gateway"), 60, 1):
            log(f"ServiceDown firing for metrics-gateway after {time.time() - started:.0f} s")
        else:
            fail("ServiceDown did not fire within 60 s of stopping metrics-gateway")
        os.kill(pid, signal.SIGCONT)
        stopped_pid = None
        if wait_for("up again", lambda: query('up{job="metrics-gateway"} == 1'), 30, 1):
            log("metrics-gateway resumed and scraped again")
        else:
            fail("metrics-gateway not scraped again 30 s after SIGCONT")

    others = sorted({(r["metric"]["alertname"], r["metric"].get("severity", "")) for r in query('ALERTS{alertstate="firing"}')})
    log("alerts firing at the end: " + (", ".join(f"{a} ({s})" for a, s in others) or "none"))
except Exception as e:
    fail(f"unexpected error: {e!r}")

if failures:
    log(f"{len(failures)} check(s) failed:")
    for f in failures:
        log(f"  - {f}")
    finish(1)
log("all checks passed")
finish(0)
PY
