#!/usr/bin/env bash
# Run by `make test`: the HTTP fuzzer (deploy/local/fuzz.py) over every public endpoint of the
# packaged services, which it starts when they are not running and stops again afterwards
# (lib.sh, check_stack_up). No 5xx, problem+json on every 4xx, no stack trace or file path in any answer,
# the admin rule on every admin endpoint, every service ready afterwards. About 2 minutes; it
# prints the seed and the requests tried per endpoint (FUZZ_SEED=<seed> repeats a run).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
source deploy/local/lib.sh

check_stack_up
timeout --signal=TERM 300 python3 deploy/local/fuzz.py
