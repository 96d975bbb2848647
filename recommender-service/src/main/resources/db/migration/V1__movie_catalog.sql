-- Movie catalog, filled from the served model's items.csv; searched with PostgreSQL full-text search.
CREATE TABLE movie (
    movie_id     integer PRIMARY KEY,
    title        text    NOT NULL,
    genres       text    NOT NULL DEFAULT '',          -- '|'-separated, as in items.csv
    year         integer,                              -- null when unknown
    rating_count integer NOT NULL DEFAULT 0,
    mean_rating  real    NOT NULL DEFAULT 0,
    popularity   real    NOT NULL DEFAULT 0,
    -- title words weigh more than genre words in the ranking
    search       tsvector GENERATED ALWAYS AS (
                     setweight(to_tsvector('english'::regconfig, title), 'A') ||
                     setweight(to_tsvector('english'::regconfig, replace(genres, '|', ' ')), 'B')) STORED
);

CREATE INDEX movie_search_idx ON movie USING gin (search);
