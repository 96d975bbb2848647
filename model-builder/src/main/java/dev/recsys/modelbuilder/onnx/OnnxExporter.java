package dev.recsys.modelbuilder.onnx;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import dev.recsys.modelbuilder.train.MatrixFactorization;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Exports a {@link MatrixFactorization} as an ONNX scoring graph (docs/model-repository.md):
 * inputs {@code user_index} int64 [N] and {@code k} int64 [1]; outputs {@code top_items} int64 [N, k] and
 * {@code top_scores} float [N, k], where score = globalMean + userBias + itemBias + P·Q and TopK runs
 * inside the graph.
 */
public final class OnnxExporter {

    public static final String INPUT_USER_INDEX = "user_index";
    public static final String INPUT_K = "k";
    public static final String OUTPUT_TOP_ITEMS = "top_items";
    public static final String OUTPUT_TOP_SCORES = "top_scores";
    /** ONNX IR version 8 with opset 13: every op used is in ONNX Runtime's CPU and CUDA providers. */
    private static final long IR_VERSION = 8;
    private static final long OPSET = 13;

    private OnnxExporter() {
    }

    public static void write(MatrixFactorization model, String name, int version, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            toProto(model, name, version).writeTo(out);
        }
    }

    public static OnnxMl.ModelProto toProto(MatrixFactorization model, String name, int version) {
        int users = model.users();
        int items = model.items();
        int f = model.factors();
        float[] itemFactorsT = new float[f * items];
        for (int i = 0; i < items; i++) {
            for (int j = 0; j < f; j++) {
                itemFactorsT[j * items + i] = model.itemFactors()[i * f + j];
            }
        }
        OnnxMl.GraphProto graph = OnnxMl.GraphProto.newBuilder()
                .setName(name)
                .addInput(valueInfo(INPUT_USER_INDEX, OnnxMl.TensorProto.DataType.INT64, dim("N")))
                .addInput(valueInfo(INPUT_K, OnnxMl.TensorProto.DataType.INT64, dim(1)))
                .addOutput(valueInfo(OUTPUT_TOP_ITEMS, OnnxMl.TensorProto.DataType.INT64, dim("N"), dim("k")))
                .addOutput(valueInfo(OUTPUT_TOP_SCORES, OnnxMl.TensorProto.DataType.FLOAT, dim("N"), dim("k")))
                .addInitializer(floats("user_factors", model.userFactors(), users, f))
                .addInitializer(floats("item_factors_t", itemFactorsT, f, items))
                .addInitializer(floats("user_bias", model.userBias(), users, 1))
                .addInitializer(floats("item_bias", model.itemBias(), items))
                .addInitializer(floats("global_mean", new float[] {model.globalMean()}))
                .addNode(node("Gather", "gather_user_factors", new String[] {"user_factors", INPUT_USER_INDEX},
                        "p_u").addAttribute(intAttribute("axis", 0)))
                .addNode(node("MatMul", "dot", new String[] {"p_u", "item_factors_t"}, "dot"))
                .addNode(node("Add", "add_item_bias", new String[] {"dot", "item_bias"}, "with_item_bias"))
                .addNode(node("Gather", "gather_user_bias", new String[] {"user_bias", INPUT_USER_INDEX}, "b_u")
                        .addAttribute(intAttribute("axis", 0)))
                .addNode(node("Add", "add_user_bias", new String[] {"with_item_bias", "b_u"}, "with_user_bias"))
                .addNode(node("Add", "add_global_mean", new String[] {"with_user_bias", "global_mean"}, "scores"))
                .addNode(node("TopK", "top_k", new String[] {"scores", INPUT_K}, OUTPUT_TOP_SCORES, OUTPUT_TOP_ITEMS)
                        .addAttribute(intAttribute("axis", -1))
                        .addAttribute(intAttribute("largest", 1))
                        .addAttribute(intAttribute("sorted", 1)))
                .build();
        return OnnxMl.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName("recsys-model-builder")
                .setModelVersion(version)
                .setDocString("Biased matrix factorisation: top-k items by globalMean + userBias + itemBias + P.Q")
                .addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey("model").setValue(name))
                .addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey("version")
                        .setValue(Integer.toString(version)))
                .setGraph(graph)
                .build();
    }

    private static OnnxMl.TensorShapeProto.Dimension dim(String param) {
        return OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam(param).build();
    }

    private static OnnxMl.TensorShapeProto.Dimension dim(long value) {
        return OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(value).build();
    }

    private static OnnxMl.ValueInfoProto valueInfo(String name, OnnxMl.TensorProto.DataType type,
                                                   OnnxMl.TensorShapeProto.Dimension... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (OnnxMl.TensorShapeProto.Dimension d : dims) {
            shape.addDim(d);
        }
        return OnnxMl.ValueInfoProto.newBuilder()
                .setName(name)
                .setType(OnnxMl.TypeProto.newBuilder().setTensorType(
                        OnnxMl.TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape)))
                .build();
    }

    /** A float initializer stored as little-endian raw data, as ONNX requires. */
    private static OnnxMl.TensorProto floats(String name, float[] values, long... dims) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder()
                .setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                .setRawData(ByteString.copyFrom(buffer.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    private static OnnxMl.NodeProto.Builder node(String op, String name, String[] inputs, String... outputs) {
        OnnxMl.NodeProto.Builder n = OnnxMl.NodeProto.newBuilder().setOpType(op).setName(name);
        for (String in : inputs) {
            n.addInput(in);
        }
        for (String out : outputs) {
            n.addOutput(out);
        }
        return n;
    }

    private static OnnxMl.AttributeProto intAttribute(String name, long value) {
        return OnnxMl.AttributeProto.newBuilder().setName(name)
                .setType(OnnxMl.AttributeProto.AttributeType.INT).setI(value).build();
    }
}
