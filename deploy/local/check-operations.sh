#!/usr/bin/env bash
# Run by `make test`: the operations of docs/operations.md against real Prometheus and
# Alertmanager processes (Debian packages) on free loopback ports of their own, never the
# stack's or 9090/9093. About a minute; each part prints what it counted:
#   1. make monitoring (monitoring.sh up/down in a temp dir): retention, admin API, rules, routing;
#   2. make health: JSON and exit status against the real Redis, PostgreSQL, Prometheus, Alertmanager;
#   3. metrics backup and restore: scrape, back up, wipe, restore, the same range answers the same values;
#   4. remote_write: prometheus/remote-write.yml's block delivers into a second Prometheus (receiver);
#   5. high availability: two Prometheus replicas (replica a, b) and two clustered Alertmanagers;
#      one notification per alert group at a webhook receiver;
#   6. log rotation: a service started as stack.sh starts it keeps bounded, rotated log files.
# Everything it starts is stopped on exit; temp files are kept when a check fails.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
bash deploy/local/services.sh tools
for tool in prometheus promtool amtool curl python3; do
  command -v "$tool" >/dev/null || { echo "[check-operations] $tool is missing" >&2; exit 1; }
done
command -v alertmanager >/dev/null || command -v prometheus-alertmanager >/dev/null \
  || { echo "[check-operations] alertmanager is missing (apt-get install prometheus-alertmanager)" >&2; exit 1; }
exec timeout --signal=TERM 600 python3 deploy/local/operations_check.py "$@"
