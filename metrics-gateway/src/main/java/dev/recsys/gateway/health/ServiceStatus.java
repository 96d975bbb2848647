package dev.recsys.gateway.health;

/** Readiness of one dependency as seen from the gateway. */
public record ServiceStatus(String status, double latencyMs, String target, String error) {

    public static final String UP = "UP";
    public static final String DOWN = "DOWN";

    public boolean up() {
        return UP.equals(status);
    }
}
