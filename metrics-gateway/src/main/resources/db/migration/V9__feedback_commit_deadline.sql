-- A feedback submission's write commits only before its deadline (gateway.feedback.store-timeout),
-- checked by the server at COMMIT: a PostgreSQL frozen after it received the COMMIT would otherwise,
-- once it wakes up, store feedback the gateway had already answered 503 ("nothing was stored").
-- The writing statement sets gateway.commit_by (epoch ms, local to its transaction); writes that set
-- none (waiting feedback moved when its list arrives) are not bounded.
create function refuse_late_commit() returns trigger language plpgsql as $$
declare
    commit_by text := nullif(current_setting('gateway.commit_by', true), '');
begin
    if commit_by is not null and clock_timestamp() > to_timestamp(commit_by::bigint / 1000.0) then
        raise exception 'feedback commit deadline % passed; rolled back', to_timestamp(commit_by::bigint / 1000.0)
            using errcode = '57014';
    end if;
    return null;
end
$$;

create constraint trigger feedback_commit_by after insert on feedback
    deferrable initially deferred for each row execute function refuse_late_commit();
create constraint trigger feedback_unmatched_commit_by after insert on feedback_unmatched
    deferrable initially deferred for each row execute function refuse_late_commit();
