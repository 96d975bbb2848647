#!/usr/bin/env bash
# `make monitoring`: Prometheus and Alertmanager (Debian packages, installed when missing) against
# the local stack, with the repository's scrape config, rules and routing.
#   monitoring.sh up        start what is not running; print the URLs (no-op when running)
#   monitoring.sh down      stop what `up` started
#   monitoring.sh restart   down, then up (picks up edited rules, routing, scrape config)
# Exporters (node, Redis, PostgreSQL) of scrape jobs in prometheus/prometheus.yml are started
# when their Debian package is installed; a job whose target nothing serves is left out and named.
# Data, generated configs and logs live in the git-ignored .local/monitoring/ (MONITORING_DIR). Prometheus keeps
# 15 d / 5 GB and has the admin API on (`make metrics-backup`). docs/operations.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIR="${MONITORING_DIR:-$ROOT/.local/monitoring}"
PROMETHEUS_PORT="${PROMETHEUS_PORT:-9090}"
ALERTMANAGER_PORT="${ALERTMANAGER_PORT:-9093}"
RETENTION_TIME="${PROMETHEUS_RETENTION_TIME:-15d}"
RETENTION_SIZE="${PROMETHEUS_RETENTION_SIZE:-5GB}"
SECRETS_DIR="${ALERTMANAGER_SECRETS_DIR:-$ROOT/deploy/alertmanager/secrets.example}"
cd "$ROOT"

log() { echo "[monitoring] $*" >&2; }

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

alertmanager_bin() { command -v alertmanager || command -v prometheus-alertmanager; }

# Exporters by the port of their scrape target: Debian binary and its arguments.
exporter_bin() {
  case "$1" in
    9100) echo prometheus-node-exporter ;;
    9121) echo prometheus-redis-exporter ;;
    9187) echo prometheus-postgres-exporter ;;
  esac
}

start_exporter() { # port
  local port=$1 bin; bin="$(exporter_bin "$port")"
  case "$bin" in
    prometheus-node-exporter)
      nohup "$bin" --web.listen-address="127.0.0.1:$port" >"$DIR/$bin.log" 2>&1 & ;;
    prometheus-redis-exporter)
      nohup "$bin" -redis.addr="${REDIS_URL:-redis://127.0.0.1:6379}" -web.listen-address="127.0.0.1:$port" \
        >"$DIR/$bin.log" 2>&1 & ;;
    prometheus-postgres-exporter)
      DATA_SOURCE_NAME="postgresql://${DB_USER:-postgres}:${DB_PASSWORD:-}@${DB_HOST:-127.0.0.1}:${DB_PORT:-5432}/postgres?sslmode=disable" \
        nohup "$bin" --web.listen-address="127.0.0.1:$port" >"$DIR/$bin.log" 2>&1 & ;;
  esac
  echo $! >"$DIR/$bin.pid"
}

running() { # name -> whether the process of its pid file is alive
  [ -f "$DIR/$1.pid" ] && kill -0 "$(cat "$DIR/$1.pid")" 2>/dev/null
}

wait_ready() { # url name
  for _ in $(seq 1 60); do curl -fs -o /dev/null "$1" && return 0; sleep 0.5; done
  log "$2 not ready after 30 s; log: .local/monitoring/$2.log"; return 1
}

# Writes .local/monitoring/prometheus.yml and alertmanager.yml from the repository's files:
# targets on 127.0.0.1, rule and template paths absolute, secrets from $SECRETS_DIR. Prints the
# ports of exporter jobs (one per line) so they can be started; leaves out jobs nothing serves.
write_configs() {
  python3 - "$ROOT" "$DIR" "$PROMETHEUS_PORT" "$ALERTMANAGER_PORT" "$SECRETS_DIR" <<'PY'
import os, shutil, socket, sys, yaml
root, out, prom_port, am_port, secrets = sys.argv[1:6]
services = {"recommender-service", "drift-service", "metrics-gateway"}

def serving(port):
    with socket.socket() as s:
        s.settimeout(0.3)
        return s.connect_ex(("127.0.0.1", int(port))) == 0

exporters = {"9100": "prometheus-node-exporter", "9121": "prometheus-redis-exporter", "9187": "prometheus-postgres-exporter"}
config = yaml.safe_load(open(f"{root}/prometheus/prometheus.yml"))
config["rule_files"] = [os.path.join(root, "prometheus", f) for f in config.get("rule_files", [])]
for am in config.get("alerting", {}).get("alertmanagers", []):
    for sc in am.get("static_configs", []):
        sc["targets"] = [f"127.0.0.1:{am_port}"]
jobs, start = [], []
for job in config["scrape_configs"]:
    ports = [t.rsplit(":", 1)[1] for sc in job.get("static_configs", []) for t in sc["targets"]]
    name = job["job_name"]
    if name == "prometheus":
        ports = [prom_port]
    elif name == "alertmanager":
        ports = [am_port]
    elif name not in services:
        missing = [p for p in ports if not serving(p) and not (p in exporters and shutil.which(exporters[p]))]
        if missing:
            print(f"[monitoring] scrape job {name}: nothing serves 127.0.0.1:{','.join(missing)} and no exporter "
                  f"package is installed for it; left out", file=sys.stderr)
            continue
        start += [p for p in ports if p in exporters and not serving(p)]
    for sc in job.get("static_configs", []):
        sc["targets"] = [f"127.0.0.1:{p}" for p in ports]
    jobs.append(job)
config["scrape_configs"] = jobs
yaml.safe_dump(config, open(f"{out}/prometheus.yml", "w"), sort_keys=False)

am = yaml.safe_load(open(f"{root}/deploy/alertmanager/alertmanager.yml"))
am["templates"] = [os.path.join(root, "deploy/alertmanager", t) for t in am.get("templates", [])]
text = yaml.safe_dump(am, sort_keys=False).replace("/etc/alertmanager/secrets", secrets)
open(f"{out}/alertmanager.yml", "w").write(text)
print("\n".join(start))
PY
}

up() {
  bash deploy/local/services.sh tools
  local am; am="$(alertmanager_bin)"
  mkdir -p "$DIR/prometheus" "$DIR/alertmanager"
  if running prometheus && running alertmanager; then
    log "already running"; print_urls; return 0
  fi
  for port in "$PROMETHEUS_PORT" "$ALERTMANAGER_PORT"; do
    if listening "$port"; then
      log "127.0.0.1:$port is taken by another process; set PROMETHEUS_PORT / ALERTMANAGER_PORT"; exit 1
    fi
  done
  local exporters; exporters="$(write_configs)"
  promtool check config "$DIR/prometheus.yml" >/dev/null
  amtool check-config "$DIR/alertmanager.yml" >/dev/null
  for port in $exporters; do start_exporter "$port"; log "started $(exporter_bin "$port") on 127.0.0.1:$port"; done
  nohup "$am" --config.file="$DIR/alertmanager.yml" --storage.path="$DIR/alertmanager" \
    --web.listen-address="127.0.0.1:$ALERTMANAGER_PORT" --cluster.listen-address= \
    >"$DIR/alertmanager.log" 2>&1 &
  echo $! >"$DIR/alertmanager.pid"
  nohup prometheus --config.file="$DIR/prometheus.yml" --storage.tsdb.path="$DIR/prometheus" \
    --storage.tsdb.retention.time="$RETENTION_TIME" --storage.tsdb.retention.size="$RETENTION_SIZE" \
    --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" --web.enable-admin-api --web.enable-lifecycle \
    --enable-feature=exemplar-storage >"$DIR/prometheus.log" 2>&1 &
  echo $! >"$DIR/prometheus.pid"
  wait_ready "http://127.0.0.1:$ALERTMANAGER_PORT/-/ready" alertmanager
  wait_ready "http://127.0.0.1:$PROMETHEUS_PORT/-/ready" prometheus
  for s in 9080 9081 9082; do
    listening "$s" || { log "the services are not running (make up): their targets stay down until they are"; break; }
  done
  print_urls
}

print_urls() {
  cat >&2 <<MSG
[monitoring] ready (data, configs and logs in .local/monitoring/):
  Prometheus    http://127.0.0.1:$PROMETHEUS_PORT   (targets: /targets, alerts: /alerts; retention $RETENTION_TIME / $RETENTION_SIZE)
  Alertmanager  http://127.0.0.1:$ALERTMANAGER_PORT
  health        make health        backup   make metrics-backup
MSG
}

down() {
  local stopped=0
  for name in prometheus alertmanager prometheus-node-exporter prometheus-redis-exporter prometheus-postgres-exporter; do
    [ -f "$DIR/$name.pid" ] || continue
    local pid; pid="$(cat "$DIR/$name.pid")"
    if kill "$pid" 2>/dev/null; then
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      stopped=$((stopped + 1))
    fi
    rm -f "$DIR/$name.pid"
  done
  log "stopped $stopped process(es)"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  restart) down; up ;;
  *) echo "usage: $0 up|down|restart" >&2; exit 2 ;;
esac
