#!/usr/bin/env bash
# Makes sure Redis and PostgreSQL listen on 127.0.0.1 and the project's databases exist.
#   services.sh ensure   start what is missing (installing Debian packages when root)
#   services.sh tools    install what the checks of `make test` run (promtool, amtool, Prometheus,
#                        node/redis/postgres exporters, PyYAML, docker-compose) when root; otherwise name the
#                        packages to install
#   services.sh stop     stop only what `ensure` started (recorded under .local/)
# Where a server already listens, it is used as it is. Data of servers we start lives in
# the git-ignored .local/ directory of the checkout.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# where the data of servers we start lives; check-chaos.sh points it at a temp dir for its private servers
LOCAL="${SERVICES_DIR:-$ROOT/.local}"
REDIS_PORT="${REDIS_PORT:-6379}"
DB_PORT="${DB_PORT:-5432}"
DB_USER="${DB_USER:-postgres}"
DATABASES="recommender drift gateway recommender_test drift_test gateway_test"

log() { echo "[services] $*" >&2; }
# shellcheck source=deploy/local/lib.sh
source "$ROOT/deploy/local/lib.sh"

need_package() { # command (or a check to run, prefixed with "check:"), debian package
  case "$1" in
    check:*) bash -c "${1#check:}" >/dev/null 2>&1 && return 0 ;;
    *) command -v "$1" >/dev/null 2>&1 && return 0 ;;
  esac
  if [ "$(id -u)" = 0 ]; then
    log "installing $2 from Debian packages"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2") >/dev/null
  else
    log "${1#check:} is missing or fails. Install it with:  sudo apt-get install -y $2"; exit 1
  fi
}

ensure_redis() {
  if listening "$REDIS_PORT"; then log "Redis already listening on $REDIS_PORT"; return; fi
  need_package redis-server redis-server
  mkdir -p "$LOCAL/redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no \
    --dir "$LOCAL/redis" --pidfile "$LOCAL/redis/redis.pid" --logfile "$LOCAL/redis/redis.log"
  wait_for_port "$REDIS_PORT" Redis
  touch "$LOCAL/redis/started-by-us"
  log "started Redis on 127.0.0.1:$REDIS_PORT (data in ${LOCAL#$ROOT/}/redis)"
}

ensure_postgres() {
  if listening "$DB_PORT"; then log "PostgreSQL already listening on $DB_PORT"; else
    [ -n "$(pg_bin)" ] || need_package pg_ctl postgresql
    [ -n "$(pg_bin)" ] || need_package initdb postgresql
    local bin; bin="$(pg_bin)"
    local data="$LOCAL/pgdata"
    mkdir -p "$LOCAL"
    [ "$(id -u)" = 0 ] && chmod o+x "$LOCAL"
    if [ ! -f "$data/PG_VERSION" ]; then
      mkdir -p "$data"
      [ "$(id -u)" = 0 ] && chown postgres:postgres "$data"
      as_pg_owner "'$bin/initdb' -D '$data' -U '$DB_USER' -A trust -E UTF8 >/dev/null"
    fi
    as_pg_owner "'$bin/pg_ctl' -D '$data' -l '$data/postgres.log' -w \
      -o \"-c listen_addresses=127.0.0.1 -p $DB_PORT -k '$data'\" start >/dev/null"
    wait_for_port "$DB_PORT" PostgreSQL
    touch "$LOCAL/pg-started-by-us"
    log "started PostgreSQL on 127.0.0.1:$DB_PORT (data in ${LOCAL#$ROOT/}/pgdata)"
  fi
  need_package psql postgresql-client
  for db in $DATABASES; do
    if ! psql -h 127.0.0.1 -p "$DB_PORT" -U "$DB_USER" -d postgres -tAc \
        "select 1 from pg_database where datname='$db'" | grep -q 1; then
      psql -h 127.0.0.1 -p "$DB_PORT" -U "$DB_USER" -d postgres -qc "create database $db" >/dev/null
      log "created database $db"
    fi
  done
}

stop_started() {
  if [ -f "$LOCAL/redis/started-by-us" ]; then
    redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
    rm -f "$LOCAL/redis/started-by-us"; log "stopped Redis"
  fi
  if [ -f "$LOCAL/pg-started-by-us" ]; then
    as_pg_owner "'$(pg_bin)/pg_ctl' -D '$LOCAL/pgdata' -m fast stop >/dev/null" || true
    rm -f "$LOCAL/pg-started-by-us"; log "stopped PostgreSQL"
  fi
}

ensure_check_tools() {
  need_package promtool prometheus
  need_package prometheus prometheus
  need_package amtool prometheus-alertmanager
  # the standard exporters that make e2e scrapes (host, Redis, PostgreSQL)
  need_package prometheus-node-exporter prometheus-node-exporter
  need_package prometheus-redis-exporter prometheus-redis-exporter
  need_package prometheus-postgres-exporter prometheus-postgres-exporter
  need_package "check:python3 -c 'import yaml'" python3-yaml
  # check-observability validates deploy/docker-compose.yml with it
  need_package docker-compose docker-compose
}

case "${1:-ensure}" in
  ensure) ensure_redis; ensure_postgres ;;
  tools) ensure_check_tools ;;
  stop) stop_started ;;
  *) echo "usage: $0 ensure|tools|stop" >&2; exit 2 ;;
esac
