package dev.recsys.modelbuilder.repository;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.modelbuilder.onnx.OnnxExporter;
import dev.recsys.modelbuilder.onnx.OnnxModelReader;
import dev.recsys.modelbuilder.train.MatrixFactorization;
import dev.recsys.modelrepository.ModelCard;
import dev.recsys.modelrepository.ModelRepository;
import dev.recsys.modelrepository.ModelRepositoryWriter;
import dev.recsys.modelrepository.ModelVersion;
import dev.recsys.modelrepository.features.ReferenceProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A served model made worse on purpose, to see the quality alerts fire ({@code simulate --scenario degrade}):
 * a copy of a version whose items' factors and biases are shuffled among the items (as if the item index map
 * were scrambled), written atomically as the next version with {@code damagedFrom} in its card. Only such
 * versions can be removed again, so going back cannot delete a real model.
 */
public final class DamagedVersions {

    /** Card field naming the version a damaged one was copied from. */
    public static final String DAMAGED_FROM = "damagedFrom";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DamagedVersions() {
    }

    /** Writes a damaged copy of {@code source} as the model's next version; returns its directory. */
    public static Path write(Path root, ModelVersion source, long seed) throws IOException {
        ModelCard card = ModelRepository.readCard(source.dir());
        MatrixFactorization good = OnnxModelReader.read(source.dir().resolve(card.files().model()));
        MatrixFactorization bad = shuffleItems(good, new SplittableRandom(seed));
        return new ModelRepositoryWriter(root).write(source.model(), (tmp, version) -> {
            ModelCard.Files files = card.files();
            OnnxExporter.write(bad, source.model(), version, tmp.resolve(files.model()));
            for (String name : new String[] {files.items(), files.users(), files.seen()}) {
                Files.copy(source.dir().resolve(name), tmp.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
            }
            ReferenceProfile reference = ReferenceProfile.read(source.dir().resolve(files.reference()));
            new ReferenceProfile(reference.model(), version, reference.samples(), reference.features())
                    .write(tmp.resolve(files.reference()));
            ObjectNode tree = (ObjectNode) JSON.readTree(source.dir().resolve(ModelCard.FILE_NAME).toFile());
            tree.put("version", version);
            tree.put("createdAt", Instant.now().toString());
            tree.put(DAMAGED_FROM, source.version());
            tree.put("damage", "item factors and biases shuffled among the items (seed " + seed
                    + "); the offline metrics are those of version " + source.version());
            // the card goes last: a version without it is incomplete
            JSON.writeValue(tmp.resolve(ModelCard.FILE_NAME).toFile(), tree);
        });
    }

    /** True when the version's card says it is a damaged copy. */
    public static boolean isDamaged(ModelVersion version) throws IOException {
        Path card = version.dir().resolve(ModelCard.FILE_NAME);
        return Files.exists(card) && JSON.readTree(card.toFile()).has(DAMAGED_FROM);
    }

    /**
     * Removes a damaged version: renamed away in one step (readers see it or nothing), then deleted.
     *
     * @throws IllegalArgumentException when the version does not exist or is not a damaged copy
     */
    public static void remove(ModelRepository repository, String model, int version) throws IOException {
        ModelVersion v = repository.versions(model).stream().filter(x -> x.version() == version).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("model " + model + " has no version " + version));
        if (!isDamaged(v)) {
            throw new IllegalArgumentException("version " + version + " of " + model
                    + " is not a damaged copy (no " + DAMAGED_FROM + " in its card); only those are removed");
        }
        Path trash = v.dir().resolveSibling(".removed-" + UUID.randomUUID());
        Files.move(v.dir(), trash, StandardCopyOption.ATOMIC_MOVE);
        try (Stream<Path> paths = Files.walk(trash)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    static MatrixFactorization shuffleItems(MatrixFactorization m, SplittableRandom random) {
        int items = m.items();
        int f = m.factors();
        int[] permutation = new int[items];
        for (int i = 0; i < items; i++) {
            permutation[i] = i;
        }
        for (int i = items - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = t;
        }
        float[] bias = new float[items];
        float[] factors = new float[items * f];
        for (int i = 0; i < items; i++) {
            int from = permutation[i];
            bias[i] = m.itemBias()[from];
            System.arraycopy(m.itemFactors(), from * f, factors, i * f, f);
        }
        return new MatrixFactorization(m.users(), items, f, m.globalMean(), m.userBias().clone(), bias,
                m.userFactors().clone(), factors);
    }
}
