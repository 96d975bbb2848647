package dev.recsys.modelbuilder.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.modelbuilder.BuildOptions;
import dev.recsys.modelbuilder.ModelBuilder;
import dev.recsys.modelbuilder.onnx.OnnxModelReader;
import dev.recsys.modelbuilder.train.MatrixFactorization;
import dev.recsys.modelrepository.LoadedModel;
import dev.recsys.modelrepository.ModelCard;
import dev.recsys.modelrepository.ModelRepository;
import dev.recsys.modelrepository.ModelVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DamagedVersionsTest {

    @TempDir
    Path root;

    @Test
    void aDamagedCopyIsTheNextCompleteVersionAndCanBeRemovedAgain() throws IOException {
        ModelBuilder.build(BuildOptions.builder(root, "tiny").synthetic(200, 300, 10_000).factors(8).iterations(4)
                .referenceSamples(1_000).build());
        ModelRepository repo = new ModelRepository(root);
        ModelVersion good = repo.latestComplete("tiny").orElseThrow();

        Path dir = DamagedVersions.write(root, good, 5);
        assertEquals(root.resolve("tiny").resolve("2"), dir);
        ModelVersion bad = repo.latestComplete("tiny").orElseThrow();
        assertEquals(2, bad.version());
        assertTrue(DamagedVersions.isDamaged(bad));
        assertFalse(DamagedVersions.isDamaged(good));
        assertEquals(2, ModelRepository.readCard(dir).version());
        assertEquals(List.of("1", "2"), names(root.resolve("tiny")), "no temporary directory left behind");
        LoadedModel loaded = repo.load(bad);
        assertEquals(200, loaded.users().size());

        MatrixFactorization before = OnnxModelReader.read(good.dir().resolve("model.onnx"));
        MatrixFactorization after = OnnxModelReader.read(bad.dir().resolve("model.onnx"));
        assertTrue(Arrays.equals(before.userFactors(), after.userFactors()), "users untouched");
        assertFalse(Arrays.equals(before.itemBias(), after.itemBias()), "items shuffled");
        float[] a = before.itemBias().clone();
        float[] b = after.itemBias().clone();
        Arrays.sort(a);
        Arrays.sort(b);
        assertTrue(Arrays.equals(a, b), "the same item biases, on other items");

        DamagedVersions.remove(repo, "tiny", 2);
        assertEquals(List.of("1"), names(root.resolve("tiny")), "removed, nothing left behind");
        assertEquals(1, repo.latestComplete("tiny").orElseThrow().version());

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> DamagedVersions.remove(repo, "tiny", 1));
        assertTrue(refused.getMessage().contains("not a damaged copy"), refused.getMessage());
        assertTrue(Files.exists(good.dir().resolve(ModelCard.FILE_NAME)), "a real model is never removed");
        assertThrows(IllegalArgumentException.class, () -> DamagedVersions.remove(repo, "tiny", 7));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("runs.jsonl")).sorted().toList();
        }
    }
}
