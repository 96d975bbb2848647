package dev.recsys.recommender.model.service;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.recsys.modelrepository.ItemTable;

/** The genres of a model's items: canonical names (looked up case-insensitively) and how many items have each. */
public final class GenreIndex {

    private final Map<String, String> canonical = new TreeMap<>();
    private final int[] itemCounts;
    private final String[] names;

    GenreIndex(ItemTable items) {
        names = items.genreNames();
        itemCounts = new int[names.length];
        for (int i = 0; i < items.size(); i++) {
            for (int g : items.genreIds(i)) {
                itemCounts[g]++;
            }
        }
        for (String name : names) {
            canonical.put(name.toLowerCase(Locale.ROOT), name);
        }
    }

    /** The id of a genre named in any letter case, if the model knows it. */
    public Optional<Integer> find(String name) {
        String known = canonical.get(name.toLowerCase(Locale.ROOT));
        return known == null ? Optional.empty() : Optional.of(java.util.Arrays.binarySearch(names, known));
    }

    public String name(int genreId) {
        return names[genreId];
    }

    public int itemCount(int genreId) {
        return itemCounts[genreId];
    }

    public String[] names() {
        return names.clone();
    }
}
