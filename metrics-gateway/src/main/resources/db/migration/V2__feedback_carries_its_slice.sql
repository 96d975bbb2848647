-- Feedback carries what quality needs from its list (model, version, variant, the item's rank and
-- served score), copied once when it is stored, so that quality over a window reads feedback only
-- instead of joining every row to its list.
alter table feedback
    add column model   varchar(128),
    add column version varchar(64),
    add column variant varchar(64),
    add column rank    int,
    add column score   double precision;

update feedback f
set model   = s.model,
    version = s.version,
    variant = coalesce(s.variant, ''),
    rank    = array_position(s.items, f.movie_id),
    score   = s.scores[array_position(s.items, f.movie_id)]
from served_list s
where s.request_id = f.request_id;

alter table feedback
    alter column model set not null,
    alter column version set not null,
    alter column variant set not null;

comment on column feedback.variant is 'A/B variant of the list, empty when it was served outside an experiment';
comment on column feedback.rank is '1-based rank of movie_id in the served list, null when it was not in it';

drop index feedback_received_at;
create index feedback_model_received_at on feedback (model, received_at);
