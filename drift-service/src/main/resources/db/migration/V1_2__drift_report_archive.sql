-- Archived HTML drift reports (docs/drift-monitoring.md "Saved reports"): one per model and window,
-- written when the dataset verdict changes and at least once per drift.reports.archive-every.
create table drift_report (
    id         bigserial    primary key,
    model      varchar(64)  not null,
    window_end bigint       not null,
    created_at timestamptz  not null,
    verdict    varchar(16)  not null,
    reason     varchar(16)  not null,
    html       text         not null,
    constraint drift_report_window unique (model, window_end)
);

create index drift_report_model_time on drift_report (model, created_at desc);
