-- Engagement counts a model's lists served in the window per version and variant: with both in the
-- index that is an index-only scan instead of a visit to every list row.
drop index served_list_model_served_at;
create index served_list_model_served_at on served_list (model, served_at) include (version, variant);
