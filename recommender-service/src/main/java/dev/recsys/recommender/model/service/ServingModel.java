package dev.recsys.recommender.model.service;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import dev.recsys.modelrepository.ItemTable;
import dev.recsys.modelrepository.LoadedModel;
import dev.recsys.modelrepository.ModelCard;
import dev.recsys.modelrepository.SeenItems;
import dev.recsys.modelrepository.UserTable;
import dev.recsys.modelrepository.features.PredictionFeatures;
import dev.recsys.recommender.model.inference.ExecutionProvider;
import dev.recsys.recommender.model.inference.InferenceBatcher;

/**
 * One model version ready to serve: its files in memory and its ONNX Runtime session behind a batcher.
 * Immutable; reference counted so that a reload closes the session only after the last request using it
 * has finished.
 */
public final class ServingModel {

    private final LoadedModel files;
    private final InferenceBatcher batcher;
    private final GenreIndex genres;
    private final PredictionFeatures features;
    private final Instant loadedAt;
    /** One reference per serving state holding this model plus one per request in flight; 0 = closed. */
    private final AtomicInteger references = new AtomicInteger(1);

    ServingModel(LoadedModel files, InferenceBatcher batcher, Instant loadedAt) {
        this.files = files;
        this.batcher = batcher;
        this.genres = new GenreIndex(files.items());
        this.features = new PredictionFeatures(files.items());
        this.loadedAt = loadedAt;
    }

    public String name() {
        return files.card().name() != null ? files.card().name() : files.version().model();
    }

    public int version() {
        return files.version().version();
    }

    /**
     * The version plus a fingerprint of its card: a rebuilt repository may reuse a version number for a
     * different model, and its lists must not be served from the cache of the old one.
     */
    public String cacheTag() {
        ModelCard card = files.card();
        String sha = card.data() == null ? "" : String.valueOf(card.data().sha256());
        return version() + "." + Integer.toHexString((card.createdAt() + "|" + sha).hashCode());
    }

    public String versionLabel() {
        return Integer.toString(version());
    }

    public ModelCard card() {
        return files.card();
    }

    public ItemTable items() {
        return files.items();
    }

    public UserTable users() {
        return files.users();
    }

    public SeenItems seen() {
        return files.seen();
    }

    public GenreIndex genres() {
        return genres;
    }

    public PredictionFeatures features() {
        return features;
    }

    public InferenceBatcher batcher() {
        return batcher;
    }

    public ExecutionProvider provider() {
        return batcher.provider();
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    public LoadedModel files() {
        return files;
    }

    /** Takes a reference unless the model is already closed. */
    boolean tryAcquire() {
        while (true) {
            int current = references.get();
            if (current <= 0) {
                return false;
            }
            if (references.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /**
     * Drops a reference; the last one closes the ONNX Runtime session. The close runs on a thread of its own:
     * the last reference is often dropped on one of the batcher's own worker threads, which close() waits for.
     */
    void release() {
        if (references.decrementAndGet() == 0) {
            Thread closer = new Thread(batcher::close, "close-model-v" + version());
            closer.setDaemon(true);
            closer.start();
        }
    }

    boolean isClosed() {
        return references.get() <= 0;
    }
}
