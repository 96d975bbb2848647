#!/usr/bin/env bash
# `make test`: everything CI runs. Starts Redis/PostgreSQL when they are not listening.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
MVN="${MVN:-mvn -B -ntp}"

bash deploy/local/services.sh ensure
bash deploy/local/services.sh tools
echo "[test] unit and integration tests of every module"
$MVN install
for check in deploy/local/check-*.sh; do
  [ -e "$check" ] || continue
  echo "[test] $check"
  bash "$check"
done
