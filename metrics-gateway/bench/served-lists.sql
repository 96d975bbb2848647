-- :lists served lists of 10 items (of 9,000) for model bench-served, all within the last hour, as
-- the gateway stores them (with their intra-list diversity, queued for the exposure rollup); no
-- feedback, so GET /api/v1/quality for this model is the beyond-accuracy part (bench.sh times it at
-- 100k and 1M lists, after the rollup has taken them in).
delete from served_list where model = 'bench-served';
delete from served_item_rollup where model = 'bench-served';
delete from served_list_rollup where model = 'bench-served';
with stored as (
insert into served_list (request_id, model, version, experiment, variant, user_id, served_at, items, scores,
                         intra_list_diversity)
select 's-' || l, 'bench-served', (1 + l % 2)::text, 'bench-ab', case when l % 3 = 0 then 'treatment' else 'control' end,
       1 + l % 20000, now() - interval '50 minutes' * random(),
       -- skewed towards low ids, as popular items are served more often
       array(select (floor(9000 * power(random(), 3)))::bigint + 1 + 0 * l from generate_series(0, 9) j)::bigint[],
       array(select 5.0 - j * 0.3 from generate_series(0, 9) j)::float8[],
       random()
from generate_series(1, :lists) l
returning request_id
)
insert into served_pending (request_id) select request_id from stored;
analyze served_list;
