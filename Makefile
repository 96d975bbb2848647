# The two commands: `make run` and `make test`. Everything else is listed by `make help`.
SHELL := /bin/bash
MVN ?= mvn -B -ntp
MODEL ?= movie-recs
MODEL_REPOSITORY ?= $(CURDIR)/models
export ADMIN_TOKEN MODEL_REPOSITORY

.PHONY: help run up down test build model model-if-missing fixtures e2e load \
        bench-recommender bench-drift bench-drift-window bench-drift-alarms bench-feedback chaos \
        monitoring monitoring-down monitoring-restart metrics-backup metrics-restore health drift-check

help:
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | column -t -s $$'\t'

run: ## build what is missing, make a model if none, start Redis/PostgreSQL and the three services (Ctrl-C stops)
	@bash deploy/local/stack.sh run

up: ## the same in the background; returns when every service is ready
	@bash deploy/local/stack.sh up

down: ## stop what `make up` started
	@bash deploy/local/stack.sh down

test: ## everything CI runs (starts Redis/PostgreSQL when needed)
	@bash deploy/local/test.sh

build: ## package every module (skips when the jars are newer than the sources)
	@if [ -z "$$(find pom.xml */pom.xml */src -newer recommender-service/target/quarkus-app/quarkus-run.jar 2>/dev/null | head -1)" ] \
	    && [ -f drift-service/target/quarkus-app/quarkus-run.jar ] && [ -f metrics-gateway/target/quarkus-app/quarkus-run.jar ] \
	    && [ -f recommender-service/target/quarkus-app/quarkus-run.jar ]; then echo "[build] up to date"; \
	  else $(MVN) -q install -DskipTests; fi

model: ## train and write models/$(MODEL)/<next version>/ (synthetic data unless DATA=dir with ratings.csv, movies.csv)
	@$(MVN) -q -pl model-builder -am install -DskipTests
	@bash model-builder/bin/model-builder --repository "$(MODEL_REPOSITORY)" --model $(MODEL) \
	  $(if $(DATA),--data "$(DATA)") $(ARGS)

model-if-missing:
	@ls "$(MODEL_REPOSITORY)/$(MODEL)"/*/model.onnx >/dev/null 2>&1 || $(MAKE) --no-print-directory model

fixtures: ## regenerate the SciPy/NumPy agreement fixtures of the drift engine
	@python3 drift-service/src/test/python/make_fixtures.py

e2e: ## end-to-end check of the running stack against a real Prometheus
	@bash deploy/local/e2e.sh

load: ## traffic simulator with ground truth (DURATION=30s USERS=20 SCENARIO=steady|drift|degrade ARGS="--drift-at 1m")
	@bash deploy/local/load.sh

bench-recommender: ## wrk at rising rates, uncached and cached, on a large synthetic model
	@bash recommender-service/bench/bench.sh

bench-drift: ## drift statistics vs SciPy at n = 10k, 100k, 1M
	@bash drift-service/bench/bench-stats.sh

bench-drift-window: ## window evaluation time, ingest rates and CPU seconds per million events monitored
	@flock /tmp/recsys-bench-drift-window.lock bash drift-service/bench/bench-window.sh

bench-drift-alarms: ## false-alarm rate and detection of the monitor's calibrated drift tests (WINDOWS=10000)
	@bash drift-service/bench/bench-alarms.sh

bench-feedback: ## feedback ingest rate and latency, quality query over 1M rows
	@bash metrics-gateway/bench/bench.sh

chaos: build ## chaos suite on a private stack: Redis/PostgreSQL stopped and frozen, replicas killed, poison entries
	@bash deploy/local/check-chaos.sh

monitoring: ## Prometheus (:9090) and Alertmanager (:9093) against the local stack, data in .local/monitoring
	@bash deploy/local/monitoring.sh up

monitoring-down: ## stop what `make monitoring` started
	@bash deploy/local/monitoring.sh down

monitoring-restart: ## restart them (after editing rules, routing or the scrape config)
	@bash deploy/local/monitoring.sh restart

metrics-backup: ## TSDB snapshot into backups/prometheus-<time>.tar.gz (PROMETHEUS=http://127.0.0.1:9090)
	@bash deploy/local/metrics.sh backup "$(or $(PROMETHEUS),http://127.0.0.1:9090)"

metrics-restore: ## restore FILE=backups/….tar.gz into a stopped Prometheus's DATA_DIR (default .local/monitoring/prometheus)
	@bash deploy/local/metrics.sh restore "$(FILE)" "$(or $(DATA_DIR),.local/monitoring/prometheus)"

health: ## status and response time of every component; exit 0 only when all required are healthy (ARGS=--json)
	@python3 deploy/local/health.py $(ARGS)

drift-check: ## drift of CUR=cur.csv against REF=ref.csv [FEATURES=a,b METHOD=ks THRESHOLD=0.05]; exit 1 on dataset drift
	@[ -f drift-service/target/quarkus-app/quarkus-run.jar ] || $(MVN) -q -pl drift-service -am install -DskipTests
	@drift-service/bin/drift-check --reference "$(REF)" --current "$(CUR)" \
	  $(if $(FEATURES),--features "$(FEATURES)") $(if $(METHOD),--method "$(METHOD)") \
	  $(if $(THRESHOLD),--threshold "$(THRESHOLD)") $(if $(DRIFT_SHARE),--drift-share "$(DRIFT_SHARE)") $(ARGS)
