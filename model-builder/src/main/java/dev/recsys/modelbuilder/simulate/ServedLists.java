package dev.recsys.modelbuilder.simulate;

import dev.recsys.modelbuilder.eval.TopK;
import dev.recsys.modelbuilder.train.ItemScorer;
import dev.recsys.modelrepository.ItemTable;
import dev.recsys.modelrepository.ModelCard;
import dev.recsys.modelrepository.SeenItems;
import java.util.Arrays;
import java.util.List;

/**
 * The list the recommender serves for {@code GET /users/{id}/recommendations?k=…} with its defaults
 * ({@code excludeSeen=true}, no genre; docs/recommender.md): for a known user the k best-scored items the user
 * did not rate in training, with the model's float scores; for an unknown user the first k items of the model
 * card's cold-start list that are in the catalog, scored with their damped mean rating as a float.
 * Thread-safe.
 */
public final class ServedLists {

    /** Item indices (into the model's items) and their served scores, best first. */
    public record ServedList(boolean coldStart, int[] items, float[] scores) {
    }

    private final ItemScorer scorer;
    private final SeenItems seen;
    private final int k;
    private final ServedList cold;
    private final ThreadLocal<float[]> scratch;

    public ServedLists(ItemScorer scorer, ItemTable items, SeenItems seen, List<ModelCard.PopularItem> popular, int k) {
        this.scorer = scorer;
        this.seen = seen;
        this.k = k;
        this.cold = coldStartList(items, popular, k);
        this.scratch = ThreadLocal.withInitial(() -> new float[scorer.model().items()]);
    }

    public int k() {
        return k;
    }

    /** The list of known user index {@code user}, or the cold-start list for {@link ActivityLaw#COLD} (-1). */
    public ServedList of(int user) {
        if (user < 0) {
            return cold;
        }
        float[] scores = scratch.get();
        scorer.scoreAll(user, scores);
        int[] top = TopK.select(scores, k, seen.items(), seen.start(user), seen.end(user));
        float[] topScores = new float[top.length];
        for (int i = 0; i < top.length; i++) {
            topScores[i] = scores[top[i]];
        }
        return new ServedList(false, top, topScores);
    }

    private static ServedList coldStartList(ItemTable items, List<ModelCard.PopularItem> popular, int k) {
        List<ModelCard.PopularItem> list = popular == null ? List.of() : popular;
        int[] out = new int[Math.min(k, list.size())];
        float[] scores = new float[out.length];
        int n = 0;
        for (int i = 0; i < list.size() && n < out.length; i++) {
            int item = items.indexOf(list.get(i).movieId());
            if (item >= 0) {
                out[n] = item;
                scores[n] = (float) list.get(i).score();
                n++;
            }
        }
        return new ServedList(true, Arrays.copyOf(out, n), Arrays.copyOf(scores, n));
    }
}
