-- Reference profile set by an administrator; takes precedence over the model repository's reference.json.
create table drift_reference (
    model      varchar(64) primary key,
    features   text        not null,
    samples    integer     not null,
    updated_at timestamptz not null
);

-- One row per window evaluation; (model, window_end) is the idempotency key across replicas and restarts.
create table drift_evaluation (
    id               bigserial primary key,
    model            varchar(64)      not null,
    window_start     bigint           not null,
    window_end       bigint           not null,
    evaluated_at     timestamptz      not null,
    status           varchar(32)      not null,
    mode             varchar(16)      not null,
    samples          bigint           not null,
    model_version    varchar(64),
    reference_source varchar(32),
    drifted_features integer,
    feature_count    integer,
    drift_share      double precision,
    drift_detected   boolean,
    constraint drift_evaluation_window unique (model, window_end)
);

-- One row per evaluation and feature.
create table drift_feature_result (
    id             bigserial primary key,
    model          varchar(64)      not null,
    window_end     bigint           not null,
    feature        varchar(128)     not null,
    method         varchar(32),
    type           varchar(16),
    statistic      double precision,
    p_value        double precision,
    threshold      double precision not null,
    drift_detected boolean          not null,
    error_bound    double precision,
    error          text,
    constraint drift_feature_result_window unique (model, feature, window_end)
);

create index drift_feature_result_model_time on drift_feature_result (model, window_end);
