"""The checks of deploy/local/check-operations.sh (see there); run from the repository root."""
import glob
import http.server
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

import yaml

ROOT = os.getcwd()
ALERTMANAGER = shutil.which("alertmanager") or shutil.which("prometheus-alertmanager")
WORK = tempfile.mkdtemp(prefix="check-operations-")
processes = []
failures = []


def log(msg):
    print(f"[check-operations] {msg}", flush=True)


def fail(msg):
    failures.append(msg)
    log(f"FAIL {msg}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url, data=None, method=None, timeout=5):
    req = urllib.request.Request(url, data=data, method=method)
    with urllib.request.urlopen(req, timeout=timeout) as r:
        body = r.read()
        return json.loads(body) if body[:1] in (b"{", b"[") else body.decode()


def wait_for(predicate, timeout, step=0.5):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if predicate():
                return True
        except Exception:
            pass
        time.sleep(step)
    return False


def start(name, args):
    logfile = open(f"{WORK}/{name}.log", "w")
    proc = subprocess.Popen(args, stdout=logfile, stderr=subprocess.STDOUT)
    processes.append(proc)
    return proc


def stop(proc):
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def repo_prometheus_config(name, port):
    """The repository's prometheus.yml, scraping only itself every second, no rules or Alertmanagers."""
    config = yaml.safe_load(open(f"{ROOT}/prometheus/prometheus.yml"))
    config["global"].update({"scrape_interval": "1s", "evaluation_interval": "1s", "scrape_timeout": "900ms"})
    config.pop("rule_files", None)
    config["alerting"]["alertmanagers"] = []
    config["scrape_configs"] = [{"job_name": "prometheus", "static_configs": [{"targets": [f"127.0.0.1:{port}"]}]}]
    return config


def start_prometheus(name, config, *flags, port=None, data=None):
    port = port or free_port()
    os.makedirs(f"{WORK}/{name}", exist_ok=True)
    path = f"{WORK}/{name}/prometheus.yml"
    yaml.safe_dump(config, open(path, "w"), sort_keys=False)
    data = data or f"{WORK}/{name}/data"
    proc = start(name, ["prometheus", f"--config.file={path}", f"--storage.tsdb.path={data}",
                        f"--web.listen-address=127.0.0.1:{port}", "--storage.tsdb.retention.time=15d",
                        "--storage.tsdb.retention.size=5GB", *flags])
    url = f"http://127.0.0.1:{port}"
    if not wait_for(lambda: fetch(f"{url}/-/ready") is not None, 30):
        raise RuntimeError(f"{name} not ready on {url} (log {WORK}/{name}.log)")
    return proc, url, data


def query(url, expr):
    return fetch(f"{url}/api/v1/query?" + urllib.parse.urlencode({"query": expr}))["data"]["result"]


def query_range(url, expr, start, end):
    params = urllib.parse.urlencode({"query": expr, "start": start, "end": end, "step": 1})
    return sorted((json.dumps(r["metric"], sort_keys=True), r["values"])
                  for r in fetch(f"{url}/api/v1/query_range?{params}")["data"]["result"])


def run(args, env=None):
    return subprocess.run(args, text=True, capture_output=True, env={**os.environ, **(env or {})})


# ------------------------------------------------------------------------------ 1. make monitoring
def check_monitoring():
    directory = f"{WORK}/monitoring"
    prom_port, am_port = free_port(), free_port()
    env = {"MONITORING_DIR": directory, "PROMETHEUS_PORT": str(prom_port), "ALERTMANAGER_PORT": str(am_port)}
    up = run(["bash", "deploy/local/monitoring.sh", "up"], env)
    if up.returncode != 0:
        fail(f"monitoring.sh up exited {up.returncode}: {up.stderr[-2000:]}")
        return None
    prom, am = f"http://127.0.0.1:{prom_port}", f"http://127.0.0.1:{am_port}"
    flags = fetch(f"{prom}/api/v1/status/flags")["data"]
    for flag, expected in (("storage.tsdb.retention.time", {"15d"}), ("storage.tsdb.retention.size", {"5GB", "5GiB"}),
                           ("web.enable-admin-api", {"true"}), ("storage.tsdb.path", {f"{directory}/prometheus"})):
        if flags.get(flag) not in expected:
            fail(f"make monitoring: Prometheus flag {flag}={flags.get(flag)}, expected {expected}")
    repo_rules = sum(len(g["rules"]) for f in ("recording.yml", "alerts.yml")
                     for g in yaml.safe_load(open(f"{ROOT}/prometheus/rules/{f}"))["groups"])
    loaded = sum(len(g["rules"]) for g in fetch(f"{prom}/api/v1/rules")["data"]["groups"])
    if loaded != repo_rules:
        fail(f"make monitoring: {loaded} rules loaded, the repository has {repo_rules}")
    services = {"recommender-service", "drift-service", "metrics-gateway", "prometheus"}

    def jobs():
        return {t["labels"]["job"] for t in fetch(f"{prom}/api/v1/targets")["data"]["activeTargets"]}

    def alertmanagers():
        return [a["url"] for a in fetch(f"{prom}/api/v1/alertmanagers")["data"]["activeAlertmanagers"]]
    wait_for(lambda: services <= jobs() and alertmanagers(), 15)  # targets appear after the first discovery
    if not services <= jobs():
        fail(f"make monitoring: scrape jobs {sorted(jobs())} lack a service")
    ams = alertmanagers()
    if ams != [f"{am}/api/v2/alerts"]:
        fail(f"make monitoring: Prometheus sends alerts to {ams}, not to its Alertmanager {am}")
    routing = fetch(f"{am}/api/v2/status")["config"]["original"]
    if "receiver: pager" not in routing or "severity=\"critical\"" not in routing:
        fail("make monitoring: Alertmanager does not run deploy/alertmanager/alertmanager.yml's routing")
    log(f"make monitoring: Prometheus {prom} (15d / 5GB, admin API, {loaded} rules, jobs {', '.join(sorted(jobs()))}), "
        f"Alertmanager {am} with the repository's routing")
    return env, prom, am


def stop_monitoring(env):
    down = run(["bash", "deploy/local/monitoring.sh", "down"], env)
    ports = [int(env["PROMETHEUS_PORT"]), int(env["ALERTMANAGER_PORT"])]
    still = [p for p in ports if socket.socket().connect_ex(("127.0.0.1", p)) == 0]
    if down.returncode != 0 or still:
        fail(f"make monitoring-down: exit {down.returncode}, still listening: {still}")
    else:
        log("make monitoring-down: both stopped")


# ------------------------------------------------------------------------------ 2. make health
def check_health(prom, am):
    env_no_optional = {k: v for k, v in os.environ.items() if k not in ("GRAFANA_URL", "JAEGER_URL")}
    env_no_optional.update({"PROMETHEUS_URL": prom, "ALERTMANAGER_URL": am})

    def health(*args, extra=None):  # Grafana and Jaeger not configured: optional
        result = subprocess.run(["python3", "deploy/local/health.py", *args], text=True, capture_output=True,
                                env={**env_no_optional, **(extra or {})})
        return result.returncode, result.stdout

    code, out = health("--json", "--only", "redis,postgresql,prometheus,alertmanager")
    report = json.loads(out)
    statuses = {c["component"]: (c["status"], c["required"]) for c in report["components"]}
    if code != 0 or any(s != ("healthy", True) for s in statuses.values()):
        fail(f"make health --only redis,postgresql,prometheus,alertmanager: exit {code}, {statuses}")
    dead = free_port()
    code_dead, out_dead = health("--json", "--only", "redis,postgresql", extra={"REDIS_URL": f"redis://127.0.0.1:{dead}"})
    redis = next(c for c in json.loads(out_dead)["components"] if c["component"] == "redis")
    if code_dead != 1 or redis["status"] != "not running":
        fail(f"make health with Redis at a dead port: exit {code_dead}, redis {redis['status']}")
    code_optional, out_optional = health("--json", "--only", "redis,grafana")
    code_configured, _ = health("--json", "--only", "grafana", extra={"GRAFANA_URL": f"http://127.0.0.1:{dead}"})
    with socket.socket() as s:
        grafana_here = s.connect_ex(("127.0.0.1", 3000)) == 0
    named = json.loads(out_optional)["optionalNotRunning"]
    if code_optional != 0 or named != ([] if grafana_here else ["grafana"]) or code_configured != 1:
        fail(f"make health: a stopped Grafana must be named without failing, and fail once GRAFANA_URL is set: "
             f"exit {code_optional}, named {named}; with GRAFANA_URL exit {code_configured}")
    code_all, out_all = health("--json")
    everything = json.loads(out_all)
    names = [c["component"] for c in everything["components"]]
    required_ok = all(c["status"] == "healthy" for c in everything["components"] if c["required"])
    if len(names) != 9 or code_all != (0 if required_ok else 1) or everything["healthy"] != required_ok:
        fail(f"make health: components {names}, exit {code_all}, healthy {everything['healthy']}")
    optional = {c["component"] for c in everything["components"] if not c["required"]}
    if not {"grafana", "jaeger"} <= optional or not set(everything["optionalNotRunning"]) <= optional:
        fail(f"make health: grafana and jaeger should be optional here: {everything['optionalNotRunning']}")
    _, table = health()
    if "overall:" not in table or "responseTimeMs" in table:
        fail(f"make health: the table is not readable:\n{table}")
    log(f"make health: {len(statuses)} components healthy with exit 0; dead Redis -> exit 1; stopped Grafana named "
        f"(exit 0), with GRAFANA_URL set exit 1; full run: "
        + ", ".join(f"{c['component']}={c['status']}" for c in everything["components"]) + f" -> exit {code_all}")


# ------------------------------------------------------------------------------ 3. backup and restore
def check_backup_restore():
    port = free_port()
    proc, url, data = start_prometheus("backup", repo_prometheus_config("backup", port), "--web.enable-admin-api",
                                       port=port)
    wait_for(lambda: float(query(url, "count_over_time(up[1m])")[0]["value"][1]) >= 8, 30)
    end = int(time.time()) - 1
    begin = end - 6
    exprs = ["up", "prometheus_tsdb_head_samples_appended_total", "prometheus_http_requests_total"]
    before = {e: query_range(url, e, begin, end) for e in exprs}
    samples = sum(len(values) for e in exprs for _, values in before[e])
    backup = run(["bash", "deploy/local/metrics.sh", "backup", url, f"{WORK}/backups"])
    if backup.returncode != 0:
        fail(f"metrics backup exited {backup.returncode}: {backup.stderr}")
        return
    archive = backup.stdout.strip().splitlines()[-1]
    refused = run(["bash", "deploy/local/metrics.sh", "restore", archive, data])
    if refused.returncode == 0 or "running" not in refused.stderr:
        fail(f"metrics restore into a running Prometheus's directory was not refused: {refused.stderr}")
    stop(proc)
    shutil.rmtree(data)
    restored = run(["bash", "deploy/local/metrics.sh", "restore", archive, data])
    if restored.returncode != 0:
        fail(f"metrics restore exited {restored.returncode}: {restored.stderr}")
        return
    proc, url, _ = start_prometheus("backup", repo_prometheus_config("backup", port), "--web.enable-admin-api",
                                    port=port, data=data)
    after = {e: query_range(url, e, begin, end) for e in exprs}
    differing = [e for e in exprs if after[e] != before[e]]
    if differing or samples == 0:
        fail(f"after restore, {differing or exprs} answer differently for [{begin}, {end}] ({samples} samples before)")
    else:
        log(f"backup and restore: {os.path.basename(archive)}; {sum(len(before[e]) for e in exprs)} series, "
            f"{samples} samples of [{begin}, {end}] equal after wipe and restore; restore refused while running")
    stop(proc)


# ------------------------------------------------------------------------------ 4. remote_write
def check_remote_write():
    _, receiver, _ = start_prometheus("receiver", {"global": {"scrape_interval": "1m"}}, "--web.enable-remote-write-receiver")
    port = free_port()
    config = repo_prometheus_config("sender", port)
    block = yaml.safe_load(open(f"{ROOT}/prometheus/remote-write.yml"))["remote_write"]
    k8s = yaml.safe_load(open(f"{ROOT}/deploy/k8s/monitoring-values.yaml"))["prometheus"]["prometheusSpec"]["remoteWrite"]
    if [(b["url"], b["write_relabel_configs"][0]["regex"]) for b in block] != \
            [(b["url"], b["writeRelabelConfigs"][0]["regex"]) for b in k8s]:
        fail("remote_write: deploy/k8s/monitoring-values.yaml and prometheus/remote-write.yml differ")
    password = f"{WORK}/remote_write_password"
    open(password, "w").write("test-password\n")
    for target in block:
        target["url"] = f"{receiver}/api/v1/write"
        target["basic_auth"]["password_file"] = password
        target["queue_config"]["batch_send_deadline"] = "1s"  # the rest of the block as documented
    config["remote_write"] = block
    proc, sender, _ = start_prometheus("sender", config, port=port)
    arrived = wait_for(lambda: query(receiver, 'up{job="prometheus", system="movie-recs"}')
                       and query(receiver, "prometheus_http_requests_total"), 40, 1)
    names = {r["metric"]["__name__"] for r in query(receiver, '{__name__=~".+"}')}
    dropped = [n for n in names if n.startswith("go_") or n.startswith("prometheus_tsdb_")]
    if not arrived:
        fail(f"remote_write: the sender's series did not arrive at the receiver {receiver} within 40 s")
    elif dropped or not query(sender, "go_goroutines"):
        fail(f"remote_write: write_relabel_configs should drop go_*/prometheus_tsdb_*, receiver has {dropped[:5]}")
    else:
        log(f"remote_write: {len(names)} metric names arrived at the receiver with system=\"movie-recs\"; "
            f"go_* and prometheus_tsdb_* dropped as prometheus/remote-write.yml says")
    stop(proc)


# ------------------------------------------------------------------------------ 5. high availability
class Webhook(http.server.BaseHTTPRequestHandler):
    received = []

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        Webhook.received.append(body)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def check_high_availability():
    hook_port = free_port()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", hook_port), Webhook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        ha(f"http://127.0.0.1:{hook_port}/")
    finally:
        server.shutdown()


def ha(hook):
    routing = yaml.safe_load(open(f"{ROOT}/deploy/alertmanager/alertmanager.yml"))
    routing["global"] = {"resolve_timeout": routing["global"]["resolve_timeout"]}  # no SMTP secrets here
    routing.pop("templates", None)
    for receiver in routing["receivers"]:
        for key in [k for k in receiver if k.endswith("_configs")]:
            del receiver[key]
        receiver["webhook_configs"] = [{"url": hook, "send_resolved": False}]
    for route in [routing["route"], *routing["route"].get("routes", [])]:
        route["group_wait"] = "1s"  # the rest of the routing tree as in the repository
    os.makedirs(f"{WORK}/alertmanager", exist_ok=True)
    am_config = f"{WORK}/alertmanager/alertmanager.yml"
    yaml.safe_dump(routing, open(am_config, "w"), sort_keys=False)

    web = [free_port(), free_port()]
    gossip = [free_port(), free_port()]
    ams = []
    for i in (0, 1):
        start(f"alertmanager-{i}", [ALERTMANAGER, f"--config.file={am_config}",
                                    f"--storage.path={WORK}/alertmanager/data-{i}",
                                    f"--web.listen-address=127.0.0.1:{web[i]}",
                                    f"--cluster.listen-address=127.0.0.1:{gossip[i]}",
                                    f"--cluster.advertise-address=127.0.0.1:{gossip[i]}",
                                    f"--cluster.peer=127.0.0.1:{gossip[1 - i]}",
                                    "--cluster.peer-timeout=2s", "--cluster.settle-timeout=5s"])
        ams.append(f"http://127.0.0.1:{web[i]}")

    def clustered(am):
        cluster = fetch(f"{am}/api/v2/status")["cluster"]
        return cluster["status"] == "ready" and len(cluster["peers"]) == 2
    if not wait_for(lambda: all(clustered(am) for am in ams), 30):
        fail(f"high availability: the two Alertmanagers did not form a cluster (logs in {WORK})")
        return

    rules = {"groups": [{"name": "operations-check", "rules": [
        {"alert": "OperationsCheckCritical", "expr": "vector(1)", "labels": {"severity": "critical", "job": "operations-check"},
         "annotations": {"summary": "always firing", "description": "HA check"}},
        {"alert": "OperationsCheckWarning", "expr": "vector(1)", "labels": {"severity": "warning", "job": "operations-check"},
         "annotations": {"summary": "always firing", "description": "HA check"}}]}]}
    yaml.safe_dump(rules, open(f"{WORK}/ha-rules.yml", "w"))
    replicas = []
    for replica in ("a", "b"):
        port = free_port()
        config = repo_prometheus_config(f"prometheus-{replica}", port)
        config["global"]["external_labels"]["replica"] = replica
        config["rule_files"] = [f"{WORK}/ha-rules.yml"]
        config["alerting"]["alertmanagers"] = [{"static_configs": [{"targets": [f"127.0.0.1:{p}" for p in web]}]}]
        # resend every 2 s (default 1 min): an alert evaluated before the Alertmanagers are discovered is not lost
        replicas.append(start_prometheus(f"prometheus-{replica}", config, "--rules.alert.resend-delay=2s", port=port)[1])

    def sent_by_both():
        return all(float(query(p, "sum(prometheus_notifications_sent_total)")[0]["value"][1]) >= 2 for p in replicas)
    groups_expected = 2
    wait_for(lambda: sent_by_both() and len({r["groupKey"] for r in Webhook.received}) >= groups_expected, 40)
    time.sleep(8)  # longer than the peers' notification stagger (2 × 2 s) and gossip: duplicates would be here by now
    per_group = {}
    for notification in Webhook.received:
        per_group[notification["groupKey"]] = per_group.get(notification["groupKey"], 0) + 1
    labels = [a["labels"] for n in Webhook.received for a in n["alerts"]]
    in_both_ams = all(len(fetch(f"{am}/api/v2/alerts")) == groups_expected for am in ams)
    if not sent_by_both():
        fail("high availability: not both Prometheus replicas sent their alerts to the Alertmanagers")
    elif len(per_group) != groups_expected or any(count != 1 for count in per_group.values()):
        fail(f"high availability: notifications per group {per_group}, expected exactly one for each of {groups_expected}")
    elif any("replica" in l or l.get("system") != "movie-recs" for l in labels) or not in_both_ams:
        fail(f"high availability: alert labels {labels} (replica must be dropped), in both Alertmanagers: {in_both_ams}")
    else:
        log(f"high availability: replicas a and b both sent {groups_expected} alerts to both clustered Alertmanagers; "
            f"webhook got {len(Webhook.received)} notifications: "
            + ", ".join(f"{k.split(':', 1)[-1]} x{v}" for k, v in sorted(per_group.items())))


# ------------------------------------------------------------------------------ 6. log rotation
def check_log_rotation():
    jar = f"{ROOT}/drift-service/target/quarkus-app/quarkus-run.jar"
    if not os.path.exists(jar):
        fail(f"log rotation: {jar} is missing (run after the Maven build)")
        return
    run_dir = f"{WORK}/run"
    os.makedirs(run_dir)
    api, management = free_port(), free_port()
    # stack.sh's own start_service (deploy/local/lib.sh), with small limits and debug logging to fill them quickly
    script = (f'ROOT=$PWD; source deploy/local/lib.sh; RUN_DIR={run_dir}; '
              f'start_service drift-service; cat {run_dir}/drift-service.pid')
    env = {**os.environ, "LOG_MAX_SIZE": "16K", "LOG_KEEP": "2", "QUARKUS_LOG_LEVEL": "DEBUG",
           "HTTP_PORT": str(api), "MANAGEMENT_PORT": str(management), "DRIFT_SCHEDULER_ENABLED": "false",
           "QUARKUS_FLYWAY_MIGRATE_AT_START": "false",  # leaves the local stack's database alone
           "JAVA_OPTS": "-Xmx256m"}
    pid = int(subprocess.run(["bash", "-c", script], text=True, capture_output=True, env=env, check=True).stdout.split()[-1])
    try:
        wait_for(lambda: fetch(f"http://127.0.0.1:{management}/q/health/ready") is not None, 90, 1)
        for _ in range(20):  # requests log at DEBUG too
            try:
                fetch(f"http://127.0.0.1:{api}/api/v1/drift/models")
            except Exception:
                pass
    finally:
        os.kill(pid, signal.SIGTERM)
        wait_for(lambda: not os.path.exists(f"/proc/{pid}"), 20)
    files = sorted(os.path.basename(f) for f in glob.glob(f"{run_dir}/drift-service.log*"))
    sizes = {f: os.path.getsize(f"{run_dir}/{f}") for f in files}
    if files != ["drift-service.log", "drift-service.log.1", "drift-service.log.2"] or max(sizes.values()) > 64 * 1024:
        fail(f"log rotation: expected drift-service.log and 2 rotated files of about 16K, found {sizes}")
    else:
        log(f"log rotation: {sizes} (LOG_MAX_SIZE=16K, LOG_KEEP=2)")


def cleanup(*_):
    for proc in processes:
        stop(proc)
    if failures:
        log(f"{len(failures)} check(s) failed; configs, data and logs kept in {WORK}")
        sys.exit(1)
    shutil.rmtree(WORK, ignore_errors=True)
    log("all checks passed")
    sys.exit(0)


signal.signal(signal.SIGTERM, lambda *_: (failures.append("interrupted"), cleanup()))
signal.signal(signal.SIGINT, lambda *_: (failures.append("interrupted"), cleanup()))
try:
    started = check_monitoring()
    if started:
        env, prom, am = started
        try:
            check_health(prom, am)
        finally:
            stop_monitoring(env)
    check_backup_restore()
    check_remote_write()
    check_high_availability()
    check_log_rotation()
except Exception as e:
    fail(f"unexpected error: {e!r}")
cleanup()
