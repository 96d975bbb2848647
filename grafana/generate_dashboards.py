#!/usr/bin/env python3
"""Writes grafana/dashboards/*.json from the panel lists below.

Dashboards are code: edit this file, run `python3 grafana/generate_dashboards.py`, commit both.
deploy/local/check-observability.sh fails when the JSON files are not what this script writes,
and deploy/local/e2e.sh runs every query against a live Prometheus.
Queries use the recording rules of prometheus/rules/recording.yml where one exists.
"""
import json
import pathlib

PROMETHEUS = {"type": "prometheus", "uid": "prometheus"}
OUT = pathlib.Path(__file__).resolve().parent / "dashboards"


def target(expr, legend="", exemplar=False):
    return {"expr": expr, "legendFormat": legend, "exemplar": exemplar}


def panel(kind, title, targets, unit="short", description="", width=12, height=8, **options):
    return {"kind": kind, "title": title, "targets": targets, "unit": unit,
            "description": description, "width": width, "height": height, **options}


def timeseries(title, targets, unit="short", description="", width=12, thresholds=None, stack=False):
    return panel("timeseries", title, targets, unit, description, width,
                 thresholds=thresholds, stack=stack)


def stat(title, targets, unit="short", description="", width=6, thresholds=None, mappings=None):
    return panel("stat", title, targets, unit, description, width, height=4,
                 thresholds=thresholds, mappings=mappings)


def bargauge(title, targets, unit="short", description="", width=12):
    return panel("bargauge", title, targets, unit, description, width)


def heatmap(title, targets, unit="short", description="", width=12):
    """Classic Prometheus buckets per time step: targets are per-bucket increases by `le`."""
    return panel("heatmap", title, targets, unit, description, width)


def threshold_steps(steps):
    """steps: [(value or None for the base, colour)]"""
    return {"mode": "absolute", "steps": [{"value": v, "color": c} for v, c in steps]}


UP_DOWN = [{"type": "value", "options": {"0": {"text": "DOWN", "color": "red"},
                                          "1": {"text": "UP", "color": "green"}}}]
YES_NO = [{"type": "value", "options": {"0": {"text": "no drift", "color": "green"},
                                         "1": {"text": "DRIFT", "color": "red"}}}]


def render_panel(spec, panel_id, x, y):
    defaults = {"unit": spec["unit"]}
    if spec.get("thresholds"):
        defaults["thresholds"] = spec["thresholds"]
    if spec.get("mappings"):
        defaults["mappings"] = spec["mappings"]
    if spec["kind"] == "timeseries":
        defaults["custom"] = {"drawStyle": "line", "lineWidth": 1, "fillOpacity": 10,
                              "showPoints": "never",
                              "stacking": {"mode": "normal" if spec.get("stack") else "none"},
                              "thresholdsStyle": {"mode": "dashed" if spec.get("thresholds") else "off"}}
    options = {"timeseries": {"legend": {"displayMode": "table", "placement": "bottom",
                                         "calcs": ["lastNotNull", "max"]},
                              "tooltip": {"mode": "multi", "sort": "desc"}},
               "stat": {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False},
                        "colorMode": "background", "graphMode": "none", "textMode": "value_and_name"},
               "bargauge": {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False},
                            "orientation": "horizontal", "displayMode": "gradient"},
               "heatmap": {"calculate": False, "cellGap": 1, "yAxis": {"unit": spec["unit"]},
                           "color": {"mode": "scheme", "scheme": "Oranges", "steps": 64},
                           "tooltip": {"mode": "single", "yHistogram": True}}}[spec["kind"]]
    return {
        "id": panel_id,
        "type": spec["kind"],
        "title": spec["title"],
        "description": spec["description"],
        "datasource": PROMETHEUS,
        "gridPos": {"x": x, "y": y, "w": spec["width"], "h": spec["height"]},
        "fieldConfig": {"defaults": defaults, "overrides": []},
        "options": options,
        "targets": [{"datasource": PROMETHEUS, "refId": chr(ord("A") + i), "expr": t["expr"],
                     "legendFormat": t["legendFormat"], "exemplar": t["exemplar"],
                     "range": True, "instant": False,
                     **({"format": "heatmap"} if spec["kind"] == "heatmap" else {})}
                    for i, t in enumerate(spec["targets"])],
    }


def render_dashboard(uid, title, description, rows):
    """rows: [(row title, [panel specs])]; panels flow left to right, 24 columns wide."""
    panels, y, panel_id = [], 0, 1
    for row_title, specs in rows:
        panels.append({"id": panel_id, "type": "row", "title": row_title, "collapsed": False,
                       "gridPos": {"x": 0, "y": y, "w": 24, "h": 1}, "panels": []})
        panel_id += 1
        y += 1
        x, row_height = 0, 0
        for spec in specs:
            if x + spec["width"] > 24:
                x, y = 0, y + row_height
                row_height = 0
            panels.append(render_panel(spec, panel_id, x, y))
            panel_id += 1
            x += spec["width"]
            row_height = max(row_height, spec["height"])
        y += row_height
    return {
        "uid": uid, "title": title, "description": description,
        "tags": ["movie-recs"], "timezone": "browser", "editable": False,
        "schemaVersion": 39, "version": 1, "refresh": "10s",
        "time": {"from": "now-1h", "to": "now"},
        "templating": {"list": []}, "annotations": {"list": []},
        "panels": panels,
    }


ONLINE_VS_OFFLINE = [
    # (title, online gauge, offline metric label regex (model card key in any spelling), unit)
    ("RMSE", "model_rmse", "(?i)rmse", "none"),
    ("MAE", "model_mae", "(?i)mae", "none"),
    ("Precision@k", "model_precision_at_k", "(?i)precision.*", "percentunit"),
    ("Recall@k", "model_recall_at_k", "(?i)recall.*", "percentunit"),
    ("NDCG@k", "model_ndcg_at_k", "(?i)ndcg.*", "percentunit"),
]

BEYOND_ACCURACY = [
    # (title, online gauge of metrics-gateway, offline metric of the model card, unit, description);
    # definitions in docs/metrics-gateway.md, "Beyond accuracy"
    ("Catalog coverage", "recommendation_catalog_coverage", "catalog_coverage", "percentunit",
     "Distinct catalog items served / catalog size. CatalogCoverageCollapse fires below half the offline "
     "coverage for 15 m. Online coverage grows with the lists served: compare at similar list counts."),
    ("Intra-list diversity", "recommendation_intra_list_diversity", "intra_list_diversity", "none",
     "Mean over lists of 1 - mean pairwise genre Jaccard similarity (0 = every item shares its genres)."),
    ("Novelty", "recommendation_novelty", "novelty", "none",
     "Mean -log2 of the served items' share of training ratings, in bits (higher = less popular items)."),
    ("Popularity Gini", "recommendation_popularity_gini", "popularity_gini", "none",
     "Gini coefficient of item exposure over the catalog (0 = equal exposure, towards 1 = a few items take all)."),
    ("Unique items served", "recommendation_unique_items", "unique_items", "short",
     "Distinct items served; offline: distinct items in the evaluated users' top-10 lists."),
]

MODEL_PERFORMANCE = render_dashboard(
    "model-performance", "Model Performance",
    "Online quality from feedback (metrics-gateway) next to the model card's offline metrics.",
    [
        ("Status", [
            stat("Model loaded", [target("model_loaded", "{{model}} v{{version}}")],
                 mappings=[{"type": "value", "options": {"0": {"text": "NOT LOADED", "color": "red"},
                                                          "1": {"text": "loaded", "color": "green"}}}],
                 description="model_loaded per model and version (ModelNotLoaded fires after 1 m at 0)."),
            stat("Online RMSE", [target("max by (model) (model_rmse)", "{{model}}")], "none",
                 thresholds=threshold_steps([(None, "green"), (1.0, "red")]),
                 description="Worst online RMSE over versions and variants; HighModelError above 1.0."),
            stat("Online MAE", [target("max by (model) (model_mae)", "{{model}}")], "none",
                 thresholds=threshold_steps([(None, "green"), (0.8, "red")]),
                 description="Worst online MAE over versions and variants; HighModelMAE above 0.8."),
            stat("Acceptance rate", [target("max by (model) (recommendation_acceptance_rate)", "{{model}}")], "percentunit",
                 description="Best acceptance over versions and variants: lists with at least one relevant feedback / lists with any feedback."),
        ]),
        ("Online vs. offline", [
            timeseries(title, [target(online, "online {{model}} v{{version}} {{variant}}"),
                               target(f'model_offline_metric{{metric=~"{offline}"}}',
                                      "offline {{model}} v{{version}}")], unit,
                       description=f"{online} by version and A/B variant, with the offline value from the model card.",
                       thresholds=threshold_steps([(None, "green"), (1.0, "red")]) if online == "model_rmse"
                       else threshold_steps([(None, "green"), (0.8, "red")]) if online == "model_mae" else None)
            for title, online, offline, unit in ONLINE_VS_OFFLINE
        ] + [
            timeseries("Acceptance rate by version", [target("recommendation_acceptance_rate",
                                                             "{{model}} v{{version}} {{variant}}")],
                       "percentunit"),
        ]),
        ("Beyond accuracy (lists served in the last hour)", [
            timeseries("Recommendation quality score",
                       [target("recommendation_quality_score", "{{model}} v{{version}} {{variant}}")], "none",
                       thresholds=threshold_steps([(None, "red"), (0.7, "green")]),
                       description="Online NDCG@k / the version's offline NDCG@10 from its model card (1.0 = as good as "
                                   "in evaluation); absent while fewer than 100 lists have feedback. "
                                   "LowRecommendationQuality fires below 0.7 for 10 m."),
        ] + [
            timeseries(title, [target(online, "online {{model}} v{{version}} {{variant}}"),
                               target(f'model_offline_metric{{metric="{offline}"}}',
                                      "offline {{model}} v{{version}}")], unit, description=description)
            for title, online, offline, unit, description in BEYOND_ACCURACY
        ] + [
            bargauge("Genre share of served items",
                     [target("recommendation_genre_share", "{{model}} {{genre}}")], "percentunit",
                     description="Share of served item slots per genre (an item with g genres adds 1/g to each)."),
        ]),
        ("Inference", [
            timeseries("Inference p95 by provider",
                       [target("job_model_version_provider:model_inference_duration_seconds:p95_5m",
                               "{{model}} v{{version}} {{provider}}")], "s",
                       thresholds=threshold_steps([(None, "green"), (0.1, "red")]),
                       description="HighInferenceLatency fires above 100 ms for 5 m."),
            timeseries("Inference rate and batch size",
                       [target("sum by (model, provider) (rate(model_inference_duration_seconds_count[$__rate_interval]))",
                               "inferences/s {{model}} {{provider}}"),
                        target("sum by (model) (rate(model_inference_batch_size_sum[$__rate_interval])) "
                               "/ sum by (model) (rate(model_inference_batch_size_count[$__rate_interval]))",
                               "mean batch {{model}}")]),
            timeseries("Recommendations served",
                       [target("sum by (model) (rate(recommendations_generated_total[$__rate_interval]))", "lists/s {{model}}"),
                        target("sum by (model) (rate(recommendation_cold_start_total[$__rate_interval]))", "cold start/s {{model}}")],
                       "reqps"),
            timeseries("Model errors",
                       [target("sum by (type) (rate(model_errors_total[$__rate_interval]))", "{{type}}")], "reqps"),
        ]),
        ("Scores and execution provider", [
            heatmap("Served score distribution",
                    [target("sum by (le) (increase(recommendation_score_bucket[$__rate_interval]))", "{{le}}")],
                    description="Scores of every served item (recommendation_score, quarter-star buckets): "
                                "a shift of the whole mass is a model or data change before feedback shows it."),
            timeseries("Mean served score by version",
                       [target("sum by (model, version) (rate(recommendation_score_sum[$__rate_interval])) "
                               "/ sum by (model, version) (rate(recommendation_score_count[$__rate_interval]))",
                               "{{model}} v{{version}}")], "none"),
            stat("Execution provider", [target("model_execution_provider", "{{model}} v{{version}} {{provider}} (GPU seen: {{gpu}})")],
                 width=12, description="Where ONNX Runtime runs each loaded version; GpuDeploymentOnCpu fires when "
                                       "a process that sees an NVIDIA driver runs a version on CPU."),
        ]),
    ])

API_PERFORMANCE = render_dashboard(
    "api-performance", "API Performance",
    "Request rate, latency percentiles, errors and status codes per service and endpoint; exemplars link to Jaeger.",
    [
        ("Traffic and errors", [
            timeseries("Requests per second by endpoint",
                       [target("job_uri:http_server_requests:rate1m", "{{job}} {{method}} {{uri}}")], "reqps"),
            timeseries("5xx share by service", [target("job:http_server_requests_errors:ratio_rate1m", "{{job}}")],
                       "percentunit", thresholds=threshold_steps([(None, "green"), (0.05, "red")]),
                       description="HighErrorRate fires above 5 % over 5 m."),
            timeseries("Responses by status code",
                       [target("job_status:http_server_requests:rate1m", "{{job}} {{status}}")], "reqps", stack=True),
            timeseries("In-flight requests",
                       [target("sum by (job) (http_server_active_requests)", "{{job}}")]),
        ]),
        ("Latency", [
            timeseries("p50 by endpoint", [target("job_uri:http_server_requests_seconds:p50_1m", "{{job}} {{uri}}")], "s"),
            timeseries("p95 by endpoint", [target("job_uri:http_server_requests_seconds:p95_1m", "{{job}} {{uri}}")], "s",
                       thresholds=threshold_steps([(None, "green"), (0.5, "orange"), (2, "red")]),
                       description="HighAPILatency: warning above 0.5 s, critical above 2 s (p95 over 5 m, for 5 m)."),
            timeseries("p99 by endpoint", [target("job_uri:http_server_requests_seconds:p99_1m", "{{job}} {{uri}}")], "s"),
            timeseries("Recommendation latency with exemplars",
                       [target('histogram_quantile(0.95, sum by (le) (rate(http_server_requests_seconds_bucket'
                               '{job="recommender-service", uri=~".*recommendations"}[$__rate_interval])))',
                               "p95", exemplar=True)], "s",
                       description="Diamonds are exemplars: click one to open its trace in Jaeger."),
            timeseries("Movie search p95",
                       [target("histogram_quantile(0.95, sum by (le) (rate(movie_search_duration_seconds_bucket[$__rate_interval])))",
                               "search p95", exemplar=True)], "s"),
        ]),
    ])

DRIFT = render_dashboard(
    "drift", "Drift",
    "Per-feature drift statistics of the prediction-event window vs. the reference, dataset drift and data quality.",
    [
        ("Dataset", [
            stat("Dataset drift", [target("dataset_drift_detected", "{{model}}")], mappings=YES_NO),
            stat("Drifted feature share", [target("dataset_drift_share", "{{model}}")], "percentunit"),
            stat("Window samples", [target("drift_window_samples", "{{model}}")]),
            stat("Newest event age", [target("data_freshness_seconds", "{{model}}")], "s",
                 thresholds=threshold_steps([(None, "green"), (300, "red")])),
        ]),
        ("Features", [
            timeseries("Drift score by feature", [target("data_drift_score", "{{model}} {{feature}} ({{method}})")],
                       description="The statistic of each feature's drift method (docs/statistics.md); "
                                   "compare with the per-method threshold shown in the drift report."),
            timeseries("Drift detected by feature", [target("data_drift_detected", "{{model}} {{feature}}")],
                       thresholds=threshold_steps([(None, "green"), (1, "red")]),
                       description="1 while a feature's statistic crosses its threshold; DataDriftDetected after 10 m."),
            timeseries("Dataset drift share", [target("dataset_drift_share", "{{model}}")], "percentunit"),
            timeseries("Window samples", [target("drift_window_samples", "{{model}}")]),
        ]),
        ("Evaluations", [
            timeseries("Evaluations by result",
                       [target("sum by (model, result) (increase(drift_evaluations_total[$__rate_interval]))",
                               "{{model}} {{result}}")],
                       description="DriftEvaluationStale fires when a model gets none for 90 s (3 intervals)."),
            timeseries("Evaluation duration p95",
                       [target("histogram_quantile(0.95, sum by (le) (rate(drift_evaluation_duration_seconds_bucket[$__rate_interval])))",
                               "p95")], "s"),
            timeseries("Consumer lag", [target("drift_consumer_lag_events", "{{model}}")],
                       description="Events in the stream not yet summarised into the drift sketches (they move at each evaluation)."),
            timeseries("Prediction events published vs. consumed",
                       [target("sum(rate(prediction_events_published_total[$__rate_interval]))", "published/s"),
                        target("sum by (model) (rate(prediction_events_consumed_total[$__rate_interval]))",
                               "consumed/s {{model}}")], "reqps"),
        ]),
        ("Data quality", [
            timeseries("Missing share", [target("data_quality_missing_share", "{{model}} {{feature}}"),
                                         target("data_quality_missing_share_change", "change vs reference {{model}} {{feature}}")],
                       "percentunit", thresholds=threshold_steps([(None, "green"), (0.05, "red")]),
                       description="DataQualityMissingValues fires when the change vs the reference exceeds 5 points for 10 m."),
            timeseries("Out-of-range share", [target("data_quality_out_of_range_share", "{{model}} {{feature}}")],
                       "percentunit", thresholds=threshold_steps([(None, "green"), (0.05, "red")])),
            timeseries("New category share", [target("data_quality_new_category_share", "{{model}} {{feature}}")],
                       "percentunit", thresholds=threshold_steps([(None, "green"), (0.05, "red")])),
            timeseries("Largest correlation change", [target("feature_correlation_change_max", "{{model}}")],
                       thresholds=threshold_steps([(None, "green"), (0.3, "red")])),
            timeseries("Violated checks", [target("sum by (model, check) (increase(data_quality_violations_total[$__rate_interval]))",
                                                  "{{model}} {{check}}")],
                       description="Evaluated windows that violated a data-quality check (docs/data-quality.md)."),
        ]),
    ])

SYSTEM_HEALTH = render_dashboard(
    "system-health", "System Health",
    "Service availability, JVM, connection pools, cache and event pipeline; host, Redis, PostgreSQL and GPU from their exporters.",
    [
        ("Availability", [
            stat("Scrape up", [target("up", "{{job}}")], mappings=UP_DOWN, width=12,
                 description="Prometheus' view; ServiceDown fires after 1 m at 0."),
            stat("Readiness seen by the gateway", [target("service_up", "{{service}}")], mappings=UP_DOWN, width=12,
                 description="metrics-gateway's probe of each service's /q/health/ready."),
        ]),
        ("JVM and CPU", [
            timeseries("Heap used", [target('sum by (job) (jvm_memory_used_bytes{area="heap"})', "{{job}}"),
                                     target('sum by (job) (jvm_memory_max_bytes{area="heap"})', "max {{job}}")],
                       "bytes"),
            timeseries("Non-heap used", [target('sum by (job) (jvm_memory_used_bytes{area="nonheap"})', "{{job}}")],
                       "bytes"),
            timeseries("GC pause time share",
                       [target("sum by (job) (rate(jvm_gc_pause_seconds_sum[$__rate_interval]))", "{{job}}")],
                       "percentunit", description="Seconds paused per second."),
            timeseries("CPU", [target("process_cpu_usage", "process {{job}}"),
                               target("max(system_cpu_usage)", "system")], "percentunit"),
            timeseries("Live threads", [target("jvm_threads_live_threads", "{{job}}")]),
            timeseries("Uptime", [target("process_uptime_seconds", "{{job}}")], "s"),
        ]),
        ("Dependencies", [
            timeseries("Database connection pools",
                       [target("sum by (job) (sql_pool_active)", "in use {{job}}"),
                        target("sum by (job) (sql_pool_queue_size)", "waiting {{job}}")],
                       description="Connections of the reactive PostgreSQL pool in use, and requests waiting for one."),
            timeseries("Redis commands",
                       [target("sum by (job) (rate(redis_commands_duration_seconds_count[$__rate_interval]))", "{{job}}"),
                        target("sum by (job) (rate(redis_commands_failure_total[$__rate_interval]))", "failed {{job}}")],
                       "reqps"),

            timeseries("Recommendation cache hit rate",
                       [target("job:recommendation_cache_hit:ratio_rate1m", "{{job}}")], "percentunit",
                       thresholds=threshold_steps([(None, "red"), (0.7, "green")]),
                       description="LowCacheHitRate fires below 70 % over 10 m."),
            timeseries("Prediction events dropped",
                       [target("sum by (reason) (increase(prediction_events_dropped_total[$__rate_interval]))",
                               "{{reason}}")]),
            timeseries("Recommendation cache size",
                       [target("recommendation_cache_size", "{{model}} {{instance}}")],
                       description="Lists cached in Redis (SCAN of the model's keys every 30 s)."),
        ]),
        ("Host (node_exporter)", [
            timeseries("CPU and memory used",
                       [target("system_cpu_usage_percent", "CPU {{instance}}"),
                        target("system_memory_usage_percent", "memory {{instance}}")], "percent",
                       thresholds=threshold_steps([(None, "green"), (90, "red")])),
            timeseries("Disk I/O",
                       [target('sum by (instance) (rate(node_disk_read_bytes_total[$__rate_interval]))', "read {{instance}}"),
                        target('sum by (instance) (rate(node_disk_written_bytes_total[$__rate_interval]))', "written {{instance}}")],
                       "Bps"),
            timeseries("Network",
                       [target('sum by (instance) (rate(node_network_receive_bytes_total{device!="lo"}[$__rate_interval]))',
                               "received {{instance}}"),
                        target('sum by (instance) (rate(node_network_transmit_bytes_total{device!="lo"}[$__rate_interval]))',
                               "sent {{instance}}")], "Bps"),
            timeseries("Disk space used",
                       [target('1 - node_filesystem_avail_bytes{fstype!~"tmpfs|overlay|squashfs"} '
                               '/ node_filesystem_size_bytes{fstype!~"tmpfs|overlay|squashfs"}', "{{instance}} {{mountpoint}}")],
                       "percentunit", thresholds=threshold_steps([(None, "green"), (0.9, "red")])),
        ]),
        ("Redis (redis_exporter)", [
            timeseries("Redis memory",
                       [target("redis_memory_used_bytes", "used {{instance}}"),
                        target("redis_memory_max_bytes", "maxmemory {{instance}}")], "bytes",
                       description="used_memory and the maxmemory limit (0: no limit set)."),
            timeseries("Redis keyspace hit rate", [target("job:redis_keyspace_hit:ratio_rate5m", "{{instance}}")],
                       "percentunit", description="GET-type lookups that found their key, every client of the server together "
                                                  "(the recommendation cache, streams, feedback lookups)."),
            timeseries("Redis clients and keys",
                       [target("redis_connected_clients", "clients {{instance}}"),
                        target("sum by (instance) (redis_db_keys)", "keys {{instance}}")]),
        ]),
        ("PostgreSQL (postgres_exporter)", [
            timeseries("Connections by database",
                       [target('sum by (datname) (pg_stat_database_numbackends{datname!~"template.*|"})', "{{datname}}")]),
            timeseries("Commits and rollbacks",
                       [target('sum by (datname) (rate(pg_stat_database_xact_commit{datname!~"template.*|"}[$__rate_interval]))',
                               "commits {{datname}}"),
                        target('sum by (datname) (rate(pg_stat_database_xact_rollback{datname!~"template.*|"}[$__rate_interval]))',
                               "rollbacks {{datname}}")], "reqps"),
            bargauge("Largest tables",
                     [target("topk(10, pg_table_total_size_bytes)", "{{datname}}.{{relname}}")], "bytes",
                     description="Table, indexes and TOAST (deploy/postgres-exporter/queries.yaml)."),
            timeseries("Database size",
                       [target('pg_database_size_bytes{datname!~"template.*|postgres"}', "{{datname}}")], "bytes"),
        ]),
        ("GPU (dcgm-exporter)", [
            timeseries("GPU utilization", [target("gpu_usage_percent", "{{Hostname}} GPU {{gpu}}")], "percent",
                       description="DCGM_FI_DEV_GPU_UTIL; only where dcgm-exporter runs (GPU nodes, compose profile gpu)."),
            timeseries("GPU memory used", [target("gpu_memory_usage_percent", "{{Hostname}} GPU {{gpu}}")], "percent",
                       thresholds=threshold_steps([(None, "green"), (90, "red")]),
                       description="Framebuffer used / (used + free); GpuMemoryHigh fires above 90 % for 5 m."),
        ]),
    ])

USER_ACTIVITY = render_dashboard(
    "user-activity", "User Activity",
    "Active users, feedback volume, rating distribution, engagement, acceptance and A/B conversions.",
    [
        ("Active users", [
            stat("Active users, 5 min", [target('recommendation_active_users{window="5m"}', "{{model}}")], width=4,
                 description="Distinct users served (Redis HyperLogLog, ~0.8 % standard error)."),
            stat("Active users, 1 h", [target('recommendation_active_users{window="1h"}', "{{model}}")], width=4),
            stat("Active users, 24 h", [target('recommendation_active_users{window="24h"}', "{{model}}")], width=4),
            timeseries("Active users", [target("recommendation_active_users", "{{model}} {{window}}")],
                       description="Distinct users served in the last 5 minutes, hour and day; recommender instances "
                                   "share the HyperLogLogs, so take max, not sum, over instances."),
        ]),
        ("Now", [
            stat("Satisfaction (mean rating)", [target("user_satisfaction_score", "{{model}} v{{version}} {{variant}}")], "none",
                 thresholds=threshold_steps([(None, "red"), (3.5, "green")])),
            stat("Engagement rate", [target("user_engagement_rate", "{{model}} v{{version}} {{variant}}")], "percentunit",
                 thresholds=threshold_steps([(None, "red"), (0.4, "green")])),
            stat("Acceptance rate", [target("recommendation_acceptance_rate", "{{model}} v{{version}} {{variant}}")], "percentunit"),
            stat("Feedback in range",
                 [target("sum(increase(user_feedback_total[$__range]))", "events")]),
        ]),
        ("Feedback", [
            timeseries("Feedback by event",
                       [target("sum by (event) (rate(user_feedback_total[$__rate_interval]))", "{{event}}")],
                       "reqps", stack=True),
            bargauge("Rating distribution (in range)",
                     [target("sum by (le) (increase(user_rating_bucket[$__range]))", "≤ {{le}}")],
                     description="Cumulative counts per rating bucket (Prometheus histogram, ≤ le)."),
            timeseries("Satisfaction and engagement",
                       [target("user_satisfaction_score", "satisfaction {{model}} v{{version}} {{variant}}"),
                        target("user_engagement_rate", "engagement {{model}} v{{version}} {{variant}}")]),
            timeseries("A/B conversions",
                       [target("sum by (experiment, variant) (rate(ab_test_conversions_total[$__rate_interval]))",
                               "{{experiment}} {{variant}}")], "reqps"),
        ]),
    ])

DASHBOARDS = {"model-performance": MODEL_PERFORMANCE, "api-performance": API_PERFORMANCE, "drift": DRIFT,
              "system-health": SYSTEM_HEALTH, "user-activity": USER_ACTIVITY}


def main():
    OUT.mkdir(exist_ok=True)
    for name, dashboard in DASHBOARDS.items():
        (OUT / f"{name}.json").write_text(json.dumps(dashboard, indent=2, ensure_ascii=False) + "\n")
        print(f"wrote grafana/dashboards/{name}.json")


if __name__ == "__main__":
    main()
