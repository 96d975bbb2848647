# Sourced (not run) by the check-*.sh scripts that need the packaged services: check-e2e.sh, check-fuzz.sh.
#   check_stack_up   starts the services that are not ready (stack.sh up, with a made-up ADMIN_TOKEN
#                    unless one is given) and, when the calling script exits, stops exactly those.
# Redis and PostgreSQL stay as test.sh left them. Expects ROOT to be the repository root.
CHECK_RUN_DIR="$ROOT/.local/run"
CHECK_SERVICES="recommender-service:9080 drift-service:9081 metrics-gateway:9082"
check_started=()

check_ready() { curl -fs -o /dev/null "http://127.0.0.1:$1/q/health/ready"; }

check_stack_stop() { # only what check_stack_up started
  for name in "${check_started[@]}"; do
    local pidfile="$CHECK_RUN_DIR/$name.pid"
    [ -f "$pidfile" ] || continue
    kill "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
  done
}

check_stack_up() {
  for s in $CHECK_SERVICES; do check_ready "${s#*:}" || check_started+=("${s%%:*}"); done
  [ "${#check_started[@]}" -gt 0 ] || return 0
  export ADMIN_TOKEN="${ADMIN_TOKEN:-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
  bash deploy/local/stack.sh up
  trap check_stack_stop EXIT
}
