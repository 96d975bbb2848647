#!/usr/bin/env bash
# Backup and restore of Prometheus' metrics (docs/operations.md).
#   metrics.sh backup  [PROMETHEUS_URL] [OUT_DIR]
#       TSDB snapshot through the admin API (--web.enable-admin-api, on in our configs), packed
#       into OUT_DIR/prometheus-<UTC time>.tar.gz (default backups/, git-ignored); the snapshot
#       directory inside the data directory is removed once packed. The data directory is asked
#       from Prometheus (/api/v1/status/flags); set PROMETHEUS_DATA_DIR where it is mounted
#       elsewhere on this machine (docker-compose: `docker compose cp prometheus:/prometheus/snapshots/<name>`).
#   metrics.sh restore FILE DATA_DIR
#       unpacks a backup into the data directory of a stopped Prometheus; refuses while a
#       Prometheus holds that directory. What was there is moved to DATA_DIR.before-restore-<time>.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
log() { echo "[metrics] $*" >&2; }
die() { log "$*"; exit 1; }

backup() {
  local url="${1:-${PROMETHEUS:-http://127.0.0.1:9090}}" out="${2:-$ROOT/backups}"
  url="${url%/}"
  local answer name data
  answer="$(curl -fsS -XPOST "$url/api/v1/admin/tsdb/snapshot" 2>&1)" \
    || die "snapshot refused by $url ($answer); is it running with --web.enable-admin-api?"
  name="$(python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["name"])' <<<"$answer")"
  data="${PROMETHEUS_DATA_DIR:-$(curl -fsS "$url/api/v1/status/flags" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["storage.tsdb.path"])')}"
  local snapshot="$data/snapshots/$name"
  [ -d "$snapshot" ] || die "snapshot $name is not at $snapshot on this machine; set PROMETHEUS_DATA_DIR to where $url keeps its data"
  mkdir -p "$out"
  local file; file="$out/prometheus-$(date -u +%Y%m%dT%H%M%SZ).tar.gz"
  tar -C "$snapshot" -czf "$file" .
  rm -rf "$snapshot"
  log "snapshot $name of $url -> $file ($(du -h "$file" | cut -f1))"
  echo "$file"
}

# Whether a Prometheus on this machine uses DATA_DIR: a process whose --storage.tsdb.path resolves
# to it (Prometheus 2.x holds no lock on the directory). Prints the pid; status 1 if so.
prometheus_on() {
  python3 - "$1" <<'PY'
import os, sys
data = os.path.realpath(sys.argv[1])
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        args = open(f"/proc/{pid}/cmdline", "rb").read().decode(errors="replace").split("\0")
        cwd = os.readlink(f"/proc/{pid}/cwd")
    except OSError:
        continue
    paths = [a.split("=", 1)[1] for a in args if a.startswith("--storage.tsdb.path=")]
    paths += [b for a, b in zip(args, args[1:]) if a == "--storage.tsdb.path"]
    if any(os.path.realpath(os.path.join(cwd, p)) == data for p in paths):
        print(f"pid {pid}"); sys.exit(1)
PY
}

restore() {
  local file="${1:-}" data="${2:-}"
  [ -n "$file" ] && [ -n "$data" ] || die "usage: metrics.sh restore FILE DATA_DIR"
  [ -f "$file" ] || die "$file: no such backup"
  tar -tzf "$file" >/dev/null 2>&1 || die "$file is not a backup archive (tar.gz)"
  local holder
  if ! holder="$(prometheus_on "$data")"; then
    die "a Prometheus is running on $data ($holder); stop it first"
  fi
  if [ -d "$data" ] && [ -n "$(ls -A "$data")" ]; then
    local aside; aside="$data.before-restore-$(date -u +%Y%m%dT%H%M%SZ)"
    mv "$data" "$aside"
    log "moved the current contents of $data to $aside"
  fi
  mkdir -p "$data"
  tar -C "$data" -xzf "$file"
  log "restored $file into $data; start Prometheus on it (make monitoring, or --storage.tsdb.path=$data)"
}

case "${1:-}" in
  backup) shift; backup "$@" ;;
  restore) shift; restore "$@" ;;
  *) echo "usage: $0 backup [PROMETHEUS_URL] [OUT_DIR] | restore FILE DATA_DIR" >&2; exit 2 ;;
esac
