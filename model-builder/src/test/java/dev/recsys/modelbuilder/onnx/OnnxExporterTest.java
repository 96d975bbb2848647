package dev.recsys.modelbuilder.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.recsys.modelbuilder.eval.TopK;
import dev.recsys.modelbuilder.train.ItemScorer;
import dev.recsys.modelbuilder.train.MatrixFactorization;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxExporterTest {

    @TempDir
    Path dir;

    private static MatrixFactorization randomModel(int users, int items, int factors, long seed) {
        Random r = new Random(seed);
        float[] ub = new float[users];
        float[] ib = new float[items];
        float[] p = new float[users * factors];
        float[] q = new float[items * factors];
        for (int i = 0; i < ub.length; i++) {
            ub[i] = (float) r.nextGaussian() * 0.3f;
        }
        for (int i = 0; i < ib.length; i++) {
            ib[i] = (float) r.nextGaussian() * 0.4f;
        }
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) r.nextGaussian() * 0.3f;
        }
        for (int i = 0; i < q.length; i++) {
            q[i] = (float) r.nextGaussian() * 0.3f;
        }
        return new MatrixFactorization(users, items, factors, 3.52f, ub, ib, p, q);
    }

    @Test
    void onnxRuntimeTopKMatchesJavaScoring() throws IOException, OrtException {
        MatrixFactorization model = randomModel(40, 700, 24, 1);
        Path file = dir.resolve("model.onnx");
        OnnxExporter.write(model, "movie-recs", 3, file);
        long[] users = {0, 7, 39, 12, 7};
        int k = 25;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(file.toString(), new OrtSession.SessionOptions());
             OnnxTensor userTensor = OnnxTensor.createTensor(env, users);
             OnnxTensor kTensor = OnnxTensor.createTensor(env, new long[] {k});
             OrtSession.Result result = session.run(Map.of("user_index", userTensor, "k", kTensor))) {
            long[][] items = (long[][]) result.get("top_items").orElseThrow().getValue();
            float[][] scores = (float[][]) result.get("top_scores").orElseThrow().getValue();
            assertEquals(users.length, items.length);
            float[] javaScores = new float[model.items()];
            ItemScorer scorer = new ItemScorer(model);
            for (int row = 0; row < users.length; row++) {
                int u = (int) users[row];
                scorer.scoreAll(u, javaScores);
                int[] javaTop = TopK.select(javaScores, k, new int[0], 0, 0);
                assertEquals(k, items[row].length);
                for (int r = 0; r < k; r++) {
                    int item = (int) items[row][r];
                    // the graph's score of the item it returned is the Java score of that item
                    assertEquals(model.score(u, item), scores[row][r], 1e-5, "user " + u + " rank " + r);
                    // and the ranking agrees (ties within 1e-5 may swap)
                    assertEquals(javaScores[javaTop[r]], scores[row][r], 1e-5, "user " + u + " rank " + r);
                    if (r > 0) {
                        assertTrue(scores[row][r] <= scores[row][r - 1], "scores descend");
                    }
                }
            }
            assertArrayEquals(items[1], items[4], "the same user in one batch gets the same list");
        }
    }

    @Test
    void kMayBeTheWholeCatalogAndNamesAreRecorded() throws IOException, OrtException {
        MatrixFactorization model = randomModel(3, 9, 4, 2);
        Path file = dir.resolve("small.onnx");
        OnnxExporter.write(model, "tiny", 1, file);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(file.toString(), new OrtSession.SessionOptions());
             OnnxTensor userTensor = OnnxTensor.createTensor(env, new long[] {2});
             OnnxTensor kTensor = OnnxTensor.createTensor(env, new long[] {9});
             OrtSession.Result result = session.run(Map.of("user_index", userTensor, "k", kTensor))) {
            long[][] items = (long[][]) result.get("top_items").orElseThrow().getValue();
            assertEquals(9, java.util.Arrays.stream(items[0]).distinct().count());
            assertEquals(Map.of("model", "tiny", "version", "1"), session.getMetadata().getCustomMetadata());
            assertEquals(java.util.Set.of("user_index", "k"), session.getInputNames());
        }
    }
}
