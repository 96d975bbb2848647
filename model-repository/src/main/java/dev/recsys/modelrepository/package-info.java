/**
 * The model repository format (docs/model-repository.md): the one reader of every service and of model-builder,
 * the atomic writer, the model card and the compact tables; {@code features} holds the prediction-event features
 * and the reference profile, {@code metrics} the beyond-accuracy definitions the card carries.
 */
package dev.recsys.modelrepository;
