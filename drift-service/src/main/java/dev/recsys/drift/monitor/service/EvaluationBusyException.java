package dev.recsys.drift.monitor.service;

/** Another replica holds the model's evaluation lock for longer than an admin call waits. */
public class EvaluationBusyException extends RuntimeException {

    public EvaluationBusyException(String model) {
        super("model " + model + " is being evaluated by another replica; retry shortly");
    }
}
