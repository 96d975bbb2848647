package dev.recsys.recommender.model.inference;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/** Runs the scoring graph (inputs {@code user_index}, {@code k}; outputs {@code top_items}, {@code top_scores}). */
public final class OnnxScorer implements AutoCloseable {

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final ExecutionProvider provider;

    public OnnxScorer(OrtEnvironment environment, OrtSession session, ExecutionProvider provider) {
        this.environment = environment;
        this.session = session;
        this.provider = provider;
    }

    public ExecutionProvider provider() {
        return provider;
    }

    /** Scores every user of {@code userIndices} in one call; row r holds the top {@code k} of user r. */
    public TopItems[] topK(long[] userIndices, int k) throws OrtException {
        int n = userIndices.length;
        try (OnnxTensor users = OnnxTensor.createTensor(environment, LongBuffer.wrap(userIndices), new long[] {n});
                OnnxTensor kTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[] {k}), new long[] {1});
                OrtSession.Result result = session.run(Map.of("user_index", users, "k", kTensor))) {
            LongBuffer items = ((OnnxTensor) result.get("top_items").orElseThrow()).getLongBuffer();
            FloatBuffer scores = ((OnnxTensor) result.get("top_scores").orElseThrow()).getFloatBuffer();
            TopItems[] rows = new TopItems[n];
            for (int r = 0; r < n; r++) {
                int[] rowItems = new int[k];
                float[] rowScores = new float[k];
                for (int c = 0; c < k; c++) {
                    rowItems[c] = (int) items.get(r * k + c);
                }
                scores.position(r * k);
                scores.get(rowScores);
                rows[r] = new TopItems(rowItems, rowScores);
            }
            return rows;
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
