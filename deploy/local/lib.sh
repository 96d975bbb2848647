# Shell functions shared by services.sh, stack.sh and the check-*.sh scripts (sourced, not run).
# The sourcing script sets ROOT and defines log(); start_service writes under RUN_DIR.

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for_port() { # port name
  local port=$1 name=$2
  for _ in $(seq 1 100); do listening "$port" && return 0; sleep 0.2; done
  log "$name did not start listening on 127.0.0.1:$port"; return 1
}

ready() { curl -fs -o /dev/null "http://127.0.0.1:$1/q/health/ready"; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

as_pg_owner() { # run a command as the owner of the local cluster (initdb refuses root)
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}

# Logs go to $RUN_DIR/<instance>.log through Quarkus' file handler, rotated by size: at most
# LOG_MAX_SIZE per file and LOG_KEEP older files (<instance>.log.1 …), JSON lines unless LOG_JSON=false.
# What the JVM prints outside logging (a crash before logging starts) lands in <instance>.out.
start_service() { # name [instance] -> starts name's packaged jar in the background, pid in $RUN_DIR/<instance>.pid
  local name=$1 instance=${2:-$1}
  QUARKUS_LOG_CONSOLE_ENABLE=false QUARKUS_LOG_FILE_ENABLE=true QUARKUS_LOG_FILE_PATH="$RUN_DIR/$instance.log" \
    QUARKUS_LOG_FILE_JSON_ENABLED="${LOG_JSON:-true}" \
    QUARKUS_LOG_FILE_ROTATION_MAX_FILE_SIZE="${LOG_MAX_SIZE:-10M}" \
    QUARKUS_LOG_FILE_ROTATION_MAX_BACKUP_INDEX="${LOG_KEEP:-5}" \
    java ${JAVA_OPTS:--Xmx512m} -jar "$ROOT/$name/target/quarkus-app/quarkus-run.jar" >"$RUN_DIR/$instance.out" 2>&1 &
  echo $! >"$RUN_DIR/$instance.pid"
}

# For the check-*.sh scripts that need the packaged services (check-e2e.sh, check-fuzz.sh):
# check_stack_up starts the services that are not ready (stack.sh up, with a made-up ADMIN_TOKEN
# unless one is given) and, when the calling script exits, stops exactly those. Redis and
# PostgreSQL stay as test.sh left them.
check_started=()

check_stack_stop() { # only what check_stack_up started
  for name in "${check_started[@]}"; do
    local pidfile="$ROOT/.local/run/$name.pid"
    [ -f "$pidfile" ] || continue
    kill "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
  done
}

check_stack_up() {
  for s in recommender-service:9080 drift-service:9081 metrics-gateway:9082; do
    ready "${s#*:}" || check_started+=("${s%%:*}")
  done
  [ "${#check_started[@]}" -gt 0 ] || return 0
  export ADMIN_TOKEN="${ADMIN_TOKEN:-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
  bash "$ROOT/deploy/local/stack.sh" up
  trap check_stack_stop EXIT
}
