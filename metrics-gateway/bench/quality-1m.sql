-- 100,000 served lists of 10 items and 1,000,000 feedback rows on them, all within the last hour,
-- for model bench-quality (bench.sh times GET /api/v1/quality over them).
delete from served_list where model = 'bench-quality';  -- its feedback goes with it
delete from served_item_rollup where model = 'bench-quality';
delete from served_list_rollup where model = 'bench-quality';
with stored as (   -- queued for the exposure rollup, as the gateway queues the lists it stores
insert into served_list (request_id, model, version, experiment, variant, user_id, served_at, items, scores)
select 'q-' || l, 'bench-quality', (1 + l % 2)::text, 'bench-ab', case when l % 3 = 0 then 'treatment' else 'control' end,
       1 + l % 20000, now() - interval '55 minutes',
       array(select ((l * 13 + j) % 9000) + 1 from generate_series(0, 9) j)::bigint[],
       array(select 5.0 - j * 0.3 from generate_series(0, 9) j)::float8[]
from generate_series(1, 100000) l
returning request_id
)
insert into served_pending (request_id) select request_id from stored;
-- as the gateway stores it: with model, version, variant, rank and served score of the list, and
-- queued for the quality rollup
with stored as (
insert into feedback (request_id, user_id, movie_id, event, rating, received_at, model, version, variant, rank, score)
select 'q-' || l, 1 + l % 20000, ((l * 13 + j) % 9000) + 1,
       case when (l + j) % 10 < 6 then 'rated' when (l + j) % 10 < 8 then 'clicked' else 'ignored' end,
       case when (l + j) % 10 < 6 then (1 + (l * 7 + j * 3) % 10) * 0.5 end,
       now() - (random() * interval '50 minutes'),
       'bench-quality', (1 + l % 2)::text, case when l % 3 = 0 then 'treatment' else 'control' end,
       j + 1, 5.0 - j * 0.3
from generate_series(1, 100000) l, generate_series(0, 9) j
returning id
)
insert into feedback_pending (feedback_id) select id from stored;
analyze served_list;
analyze feedback;
