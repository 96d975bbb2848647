-- Data-quality summary of each evaluated window (docs/data-quality.md); purged with its evaluation.
create table drift_quality_result (
    id             bigserial primary key,
    model          varchar(64)  not null,
    window_end     bigint       not null,
    events         integer      not null,
    checked_events integer      not null,
    passed         boolean      not null,
    violations     varchar(256) not null,
    checks         text         not null,
    constraint drift_quality_result_window unique (model, window_end),
    constraint drift_quality_result_evaluation foreign key (model, window_end)
        references drift_evaluation (model, window_end) on delete cascade
);
