-- Quality rollup (docs/metrics-gateway.md, "Quality rollup"): per-list sums kept by a background job
-- so that GET /quality reads one row per list instead of every feedback row. The quality query
-- takes a list from the rollup only when all of its feedback is rolled up and lies inside the
-- window; every other list of the window is computed from its raw feedback, so that the answer is
-- the same as from raw feedback alone.

-- Feedback stored but not rolled up yet: written in the same statement as the feedback row.
-- No index: the rollup job empties it in batches, the quality query joins it whole.
create table feedback_pending (
    feedback_id bigint not null
);

create table list_quality (
    request_id      varchar(128)     primary key references served_list (request_id) on delete cascade,
    model           varchar(128)     not null,
    version         varchar(64)      not null,
    variant         varchar(64)      not null,
    user_id         bigint           not null,
    served_at       timestamptz      not null,
    -- receipt times of the list's first and last rolled-up feedback
    first_at        timestamptz      not null,
    last_at         timestamptz      not null,
    -- distinct relevant movies; hits and dcg count those at rank <= k
    relevant_movies bigint[]         not null,
    hits            int              not null,
    dcg             double precision not null,
    ratings         int              not null,
    rating_sum      double precision not null,
    scored          int              not null,
    squared_error   double precision not null,
    absolute_error  double precision not null,
    r05 int not null, r10 int not null, r15 int not null, r20 int not null, r25 int not null,
    r30 int not null, r35 int not null, r40 int not null, r45 int not null, r50 int not null
);
-- every list with feedback in [from, to) has last_at >= from
create index list_quality_model_last_at on list_quality (model, last_at);

-- (user, movie) pairs relevant in at least one list, and in how many of the user's lists. Recall
-- needs each user's distinct relevant movies over all of the user's lists in the window: summing
-- the lists' counts is exact unless a movie is relevant in two lists of the user, which only
-- pairs with lists > 1 can be.
create table user_relevant_movie (
    model    varchar(128) not null,
    user_id  bigint       not null,
    movie_id bigint       not null,
    lists    int          not null,
    last_at  timestamptz  not null,
    primary key (model, user_id, movie_id)
);
create index user_relevant_movie_repeated on user_relevant_movie (model, last_at) where lists > 1;

-- k and relevant rating the rollup was built with; the gateway rebuilds it when its configuration
-- differs. Empty: build from all feedback.
create table quality_rollup_settings (
    k               int              not null,
    relevant_rating double precision not null
);
