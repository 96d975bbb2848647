package dev.recsys.recommender.model.inference;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import dev.recsys.recommender.config.RecommenderConfig;
import dev.recsys.recommender.config.RecommenderConfig.Provider;

/**
 * Opens ONNX Runtime sessions on the one process-wide {@link OrtEnvironment}, choosing the execution
 * provider: CUDA where asked for (or, with {@code auto}, where an NVIDIA driver exists), else CPU.
 */
@ApplicationScoped
public class OnnxSessionFactory {

    private static final Logger LOG = Logger.getLogger(OnnxSessionFactory.class);

    /** Places where the NVIDIA driver leaves a trace; checked before addCUDA, which is costly when CUDA is absent. */
    private static final List<Path> DRIVER_MARKERS = List.of(
            Path.of("/proc/driver/nvidia/version"),
            Path.of("/usr/lib/x86_64-linux-gnu/libcuda.so.1"),
            Path.of("/usr/lib64/libcuda.so.1"),
            Path.of("/usr/local/nvidia/lib64/libcuda.so.1"),
            Path.of("/usr/lib/wsl/lib/libcuda.so.1"));

    private final RecommenderConfig.Inference config;
    private volatile boolean cpuFallbackLogged;

    public OnnxSessionFactory(RecommenderConfig config) {
        this.config = config.inference();
    }

    public OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment();
    }

    /** A session of {@code modelFile} and the provider it runs on; throws when {@code cuda} was demanded but cannot load. */
    public OpenedSession open(Path modelFile) throws OrtException {
        Provider wanted = config.provider();
        if (wanted != Provider.cpu) {
            String unavailable = cudaUnavailableReason();
            if (unavailable == null) {
                try {
                    OrtSession.SessionOptions options = baseOptions();
                    options.addCUDA(config.cudaDevice());
                    return new OpenedSession(environment().createSession(modelFile.toString(), options), ExecutionProvider.cuda);
                } catch (OrtException | RuntimeException e) {
                    unavailable = "CUDA execution provider failed to load: " + e.getMessage();
                }
            }
            if (wanted == Provider.cuda) {
                throw new CudaUnavailableException(unavailable);
            }
            if (!cpuFallbackLogged) {
                cpuFallbackLogged = true;
                LOG.infof("inference provider auto: running on CPU (%s)", unavailable);
            }
        }
        return new OpenedSession(environment().createSession(modelFile.toString(), baseOptions()), ExecutionProvider.cpu);
    }

    private OrtSession.SessionOptions baseOptions() throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        if (config.intraOpThreads() > 0) {
            options.setIntraOpNumThreads(config.intraOpThreads());
        }
        return options;
    }

    /** Whether this process sees an NVIDIA driver, i.e. runs where a GPU was given to it. */
    public static boolean nvidiaDriverVisible() {
        return DRIVER_MARKERS.stream().anyMatch(Files::exists);
    }

    /** Null when CUDA may be tried, else why not. */
    private static String cudaUnavailableReason() {
        if (!nvidiaDriverVisible()) {
            return "no NVIDIA driver found";
        }
        if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
            return "this ONNX Runtime build has no CUDA execution provider";
        }
        return null;
    }

    public record OpenedSession(OrtSession session, ExecutionProvider provider) {
    }

    /** CUDA was demanded ({@code recommender.inference.provider=cuda}) and cannot be used. */
    public static class CudaUnavailableException extends RuntimeException {
        public CudaUnavailableException(String reason) {
            super("inference provider cuda required but unavailable: " + reason);
        }
    }
}
