/** Builds movie-recommendation models: data, training, evaluation, ONNX export, reference profile. */
package dev.recsys.modelbuilder;
