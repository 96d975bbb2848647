-- Exposure rollup (docs/metrics-gateway.md, "Exposure rollup"): what the beyond-accuracy metrics need
-- from the served lists, summed per time bucket by the rollup job, so that a window reads one row per
-- (bucket, version, variant, item) instead of every served slot. Buckets of 1 h, 5 min and 1 min: a
-- window takes its whole hours, then whole 5-minute and 1-minute buckets at its edges, and only the
-- remaining seconds at each edge (and lists not rolled up yet) from served_list, so that the answer is
-- the same as from the served lists alone.

-- Served lists stored but not rolled up yet: written in the same statement as the served_list row.
-- No index: the rollup job empties it in batches, the exposure query reads it whole.
create table served_pending (
    request_id varchar(128) not null
);

-- Times each item was served in a bucket [bucket, bucket + bucket_seconds); variant '' outside an
-- experiment.
create table served_item_rollup (
    model          varchar(128) not null,
    bucket_seconds int          not null,
    bucket         timestamptz  not null,
    version        varchar(64)  not null,
    variant        varchar(64)  not null,
    item           bigint       not null,
    served         bigint       not null,
    primary key (model, bucket_seconds, bucket, version, variant, item)
);

-- Lists served in a bucket and the sum and count of their intra-list diversities (null ones left out).
create table served_list_rollup (
    model           varchar(128)     not null,
    bucket_seconds  int              not null,
    bucket          timestamptz      not null,
    version         varchar(64)      not null,
    variant         varchar(64)      not null,
    lists           bigint           not null,
    diversity_sum   double precision not null,
    diversity_lists bigint           not null,
    primary key (model, bucket_seconds, bucket, version, variant)
);

-- lists stored before this migration: the job rolls them up like any backlog
insert into served_pending (request_id) select request_id from served_list;
