package dev.recsys.gateway.health;

import java.util.Map;

/** Readiness of every service the system consists of; status UP only when all are. */
public record ServicesHealth(String status, long checkedAt, Map<String, ServiceStatus> services) {

    public boolean up() {
        return ServiceStatus.UP.equals(status);
    }
}
