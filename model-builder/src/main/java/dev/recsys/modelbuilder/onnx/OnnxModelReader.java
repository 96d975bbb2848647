package dev.recsys.modelbuilder.onnx;

import ai.onnx.proto.OnnxMl;
import dev.recsys.modelbuilder.train.MatrixFactorization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Reads back the {@link MatrixFactorization} of a graph that {@link OnnxExporter} wrote (its initializers). */
public final class OnnxModelReader {

    private OnnxModelReader() {
    }

    public static MatrixFactorization read(Path file) throws IOException {
        OnnxMl.ModelProto proto;
        try (InputStream in = Files.newInputStream(file)) {
            proto = OnnxMl.ModelProto.parseFrom(in);
        }
        Map<String, OnnxMl.TensorProto> tensors = new HashMap<>();
        for (OnnxMl.TensorProto t : proto.getGraph().getInitializerList()) {
            tensors.put(t.getName(), t);
        }
        OnnxMl.TensorProto userFactors = tensor(tensors, "user_factors", file);
        OnnxMl.TensorProto itemFactorsT = tensor(tensors, "item_factors_t", file);
        int users = (int) userFactors.getDims(0);
        int factors = (int) userFactors.getDims(1);
        int items = (int) itemFactorsT.getDims(1);
        float[] transposed = floats(itemFactorsT);
        float[] itemFactors = new float[items * factors];
        for (int j = 0; j < factors; j++) {
            for (int i = 0; i < items; i++) {
                itemFactors[i * factors + j] = transposed[j * items + i];
            }
        }
        return new MatrixFactorization(users, items, factors, floats(tensor(tensors, "global_mean", file))[0],
                floats(tensor(tensors, "user_bias", file)), floats(tensor(tensors, "item_bias", file)),
                floats(userFactors), itemFactors);
    }

    private static OnnxMl.TensorProto tensor(Map<String, OnnxMl.TensorProto> tensors, String name, Path file)
            throws IOException {
        OnnxMl.TensorProto t = tensors.get(name);
        if (t == null) {
            throw new IOException(file + " has no initializer '" + name + "': not a model-builder graph");
        }
        return t;
    }

    private static float[] floats(OnnxMl.TensorProto t) {
        if (!t.getRawData().isEmpty()) {
            FloatBuffer buffer = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            float[] out = new float[buffer.remaining()];
            buffer.get(out);
            return out;
        }
        float[] out = new float[t.getFloatDataCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.getFloatData(i);
        }
        return out;
    }
}
