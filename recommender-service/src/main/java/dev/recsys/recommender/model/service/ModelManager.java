package dev.recsys.recommender.model.service;

import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import ai.onnxruntime.OrtException;
import dev.recsys.common.text.Redaction;
import dev.recsys.modelrepository.LoadedModel;
import dev.recsys.modelrepository.ModelRepository;
import dev.recsys.modelrepository.ModelVersion;
import dev.recsys.recommender.config.RecommenderConfig;
import dev.recsys.recommender.metrics.RecommenderMetrics;
import dev.recsys.recommender.model.inference.InferenceBatcher;
import dev.recsys.recommender.model.inference.OnnxScorer;
import dev.recsys.recommender.model.inference.OnnxSessionFactory;
import dev.recsys.recommender.recommend.experiment.ExperimentAssigner;

/**
 * Loads model versions from the repository and swaps what serves without failing requests in flight:
 * the serving state is an immutable reference replaced in one step, and a replaced model's session is
 * closed only when the last request holding it has finished.
 */
@ApplicationScoped
public class ModelManager {

    private static final Logger LOG = Logger.getLogger(ModelManager.class);

    private final RecommenderConfig config;
    private final OnnxSessionFactory sessions;
    private final RecommenderMetrics metrics;
    private final ModelRepository repository;
    private final AtomicReference<ServingState> state =
            new AtomicReference<>(ServingState.failed("no model loaded yet"));

    public ModelManager(RecommenderConfig config, OnnxSessionFactory sessions, RecommenderMetrics metrics) {
        this.config = config;
        this.sessions = sessions;
        this.metrics = metrics;
        this.repository = new ModelRepository(config.modelRepository());
    }

    public ModelRepository repository() {
        return repository;
    }

    public String modelName() {
        return config.modelName();
    }

    public ServingState state() {
        return state.get();
    }

    /**
     * Serves the newest complete version (or the experiment's versions). Versions already serving are kept
     * as they are. Blocking: call from a worker thread. Throws when nothing could be loaded; the previous
     * state keeps serving then.
     */
    public synchronized ServingState reload() throws ModelLoadException {
        ServingState current = state.get();
        RecommenderConfig.Experiment experimentConfig = config.experiment();
        ServingModel control = null;
        ServingModel treatment = null;
        try {
            ModelVersion controlVersion = experimentConfig.controlVersion().isPresent() && experimentConfig.name().isPresent()
                    ? completeVersion(experimentConfig.controlVersion().getAsInt())
                    : repository.latestComplete(config.modelName()).orElseThrow(() -> new ModelLoadException(
                            "no complete version of model " + config.modelName() + " in " + config.modelRepository().toAbsolutePath()));
            control = reuseOrLoad(current, controlVersion);
            ServingState.Experiment experiment = null;
            if (experimentConfig.name().isPresent()) {
                if (experimentConfig.treatmentVersion().isEmpty()) {
                    throw new ModelLoadException("recommender.experiment.treatment-version is required when an experiment is named");
                }
                double share = experimentConfig.treatmentShare().orElse(0.5);
                if (!(share >= 0 && share <= 1)) {
                    throw new ModelLoadException("recommender.experiment.treatment-share must be in 0..1, got " + share);
                }
                ModelVersion treatmentVersion = completeVersion(experimentConfig.treatmentVersion().getAsInt());
                if (treatmentVersion.version() == control.version()) {
                    control.tryAcquire();
                    treatment = control;
                } else {
                    treatment = reuseOrLoad(current, treatmentVersion);
                }
                experiment = new ServingState.Experiment(experimentConfig.name().get(), share);
            }
            ServingState next = new ServingState(control, treatment, experiment, null);
            state.set(next);
            publish(current, next);
            release(current);
            return next;
        } catch (Exception e) {
            // each slot holds its own reference, even when both slots hold the same model
            if (control != null) {
                control.release();
            }
            if (treatment != null) {
                treatment.release();
            }
            metrics.modelError("load");
            // the reason is shown in health details, summaries and errors: no absolute paths (the log has them)
            String reason = Redaction.paths(e.getMessage());
            if (!current.loaded()) {
                state.set(ServingState.failed(reason));
            }
            throw e instanceof ModelLoadException mle ? mle : new ModelLoadException(reason, e);
        }
    }

    /** Takes a lease on the model serving this user; empty when no model is loaded. */
    public Optional<ModelLease> acquire(int userId) {
        while (true) {
            ServingState s = state.get();
            if (!s.loaded()) {
                return Optional.empty();
            }
            ServingModel model = s.control();
            String experiment = null;
            String variant = null;
            if (s.experiment() != null) {
                experiment = s.experiment().name();
                variant = ExperimentAssigner.variant(experiment, userId, s.experiment().treatmentShare());
                if (variant.equals(ExperimentAssigner.TREATMENT)) {
                    model = s.treatment();
                }
            }
            if (model.tryAcquire()) {
                return Optional.of(new ModelLease(model, experiment, variant));
            }
            // the state was replaced and this model closed between get() and tryAcquire(): read it again
        }
    }

    public List<ModelVersion> versions() throws IOException {
        return repository.versions(config.modelName());
    }

    private ModelVersion completeVersion(int version) throws IOException, ModelLoadException {
        return repository.versions(config.modelName()).stream()
                .filter(v -> v.version() == version && v.complete()).findFirst()
                .orElseThrow(() -> new ModelLoadException("version " + version + " of model " + config.modelName()
                        + " is missing or incomplete"));
    }

    /** The already serving model of this version (with a new reference for the next state) or a freshly loaded one. */
    private ServingModel reuseOrLoad(ServingState current, ModelVersion version) throws IOException, OrtException {
        for (ServingModel m : current.models()) {
            if (m.version() == version.version() && m.tryAcquire()) {
                return m;
            }
        }
        long start = System.nanoTime();
        LoadedModel files = repository.load(version);
        OnnxSessionFactory.OpenedSession opened = sessions.open(files.modelFile());
        RecommenderConfig.Inference inference = config.inference();
        String name = config.modelName();
        String versionLabel = Integer.toString(version.version());
        String provider = opened.provider().name();
        InferenceBatcher batcher = new InferenceBatcher(new OnnxScorer(sessions.environment(), opened.session(), opened.provider()),
                "inference-" + name + "-v" + versionLabel, inference.workers(), inference.batchMaxSize(), inference.batchMaxWait(),
                (size, nanos) -> metrics.inference(name, versionLabel, provider, size, nanos));
        ServingModel model = new ServingModel(files, batcher, Instant.now());
        LOG.infof("loaded model %s version %d (%d users, %d items) on %s in %d ms", name, version.version(),
                files.users().size(), files.items().size(), provider, (System.nanoTime() - start) / 1_000_000);
        return model;
    }

    private void publish(ServingState previous, ServingState next) {
        Set<Integer> serving = new HashSet<>();
        for (ServingModel m : next.models()) {
            serving.add(m.version());
            metrics.loaded(config.modelName(), m.versionLabel(), true);
            metrics.offlineMetrics(config.modelName(), m.versionLabel(), m.card());
            metrics.executionProvider(config.modelName(), m.versionLabel(), m.provider().name(),
                    OnnxSessionFactory.nvidiaDriverVisible());
        }
        for (ServingModel m : previous.models()) {
            if (!serving.contains(m.version())) {
                metrics.loaded(config.modelName(), m.versionLabel(), false);
            }
        }
    }

    /** Drops the references a replaced state held; sessions close once their last request ends. */
    private static void release(ServingState previous) {
        if (previous.control() != null) {
            previous.control().release();
        }
        if (previous.treatment() != null) {
            previous.treatment().release();
        }
    }

    @PreDestroy
    synchronized void shutdown() {
        ServingState last = state.getAndSet(ServingState.failed("shutting down"));
        release(last);
    }

    /** Why a model could not be loaded. */
    public static class ModelLoadException extends Exception {
        public ModelLoadException(String message) {
            super(message);
        }

        public ModelLoadException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
