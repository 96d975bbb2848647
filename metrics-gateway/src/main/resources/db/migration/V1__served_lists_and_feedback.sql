-- Served recommendation lists, learnt from the prediction streams (DESIGN §5) or, when feedback
-- arrives before the consumer got there, read straight from the stream tail.
create table served_list (
    request_id  varchar(128)       primary key,
    model       varchar(128)       not null,
    version     varchar(64)        not null,
    experiment  varchar(128),
    variant     varchar(64),
    user_id     bigint             not null,
    served_at   timestamptz        not null,
    -- items[i] was served at rank i (1-based) with score scores[i]
    items       bigint[]           not null,
    scores      double precision[] not null
);
create index served_list_model_served_at on served_list (model, served_at);
create index served_list_served_at on served_list (served_at);

create table feedback (
    id          bigserial    primary key,
    request_id  varchar(128) not null references served_list (request_id) on delete cascade,
    user_id     bigint       not null check (user_id > 0),
    movie_id    bigint       not null check (movie_id > 0),
    event       varchar(16)  not null check (event in ('rated', 'clicked', 'ignored')),
    rating      numeric(2, 1) check (rating between 0.5 and 5.0 and rating * 2 = trunc(rating * 2)),
    received_at timestamptz  not null default now(),
    constraint feedback_rating_iff_rated check ((event = 'rated') = (rating is not null)),
    constraint feedback_once unique (request_id, movie_id, event)
);
create index feedback_received_at on feedback (received_at);
