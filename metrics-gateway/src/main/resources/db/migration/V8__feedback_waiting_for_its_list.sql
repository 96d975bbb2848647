-- Feedback that arrives before its served list is stored (docs/metrics-gateway.md, "Feedback before
-- its list"): kept here, answered 202, and moved into feedback when the consumer stores the list (in
-- the same transaction) or when the sweep finds the list stored; deleted after
-- gateway.feedback.pending-ttl. Not feedback_pending: that one queues stored feedback for the rollup.
create table feedback_unmatched (
    request_id  varchar(128)  not null,
    user_id     bigint        not null check (user_id > 0),
    movie_id    bigint        not null check (movie_id > 0),
    event       varchar(16)   not null check (event in ('rated', 'clicked', 'ignored')),
    rating      numeric(2, 1) check (rating between 0.5 and 5.0 and rating * 2 = trunc(rating * 2)),
    received_at timestamptz   not null default now(),
    primary key (request_id, movie_id, event)
);
create index feedback_unmatched_received_at on feedback_unmatched (received_at);
