-- Beyond-accuracy quality (docs/metrics-gateway.md): a list's intra-list diversity depends on the list
-- alone, so it is computed once when the list is stored (from its version's catalog in the model
-- repository) instead of over every pair of items of every list at each query. Null when the catalog
-- was not known when the list was stored, or the list has fewer than two catalog items.
alter table served_list add column intra_list_diversity double precision;
