package dev.recsys.gateway.remote;

/** What one call to another service gave: a status and body, or the error that stopped it. */
public record RemoteResponse(int status, String body, double latencyMs, String error) {

    public boolean ok() {
        return error == null && status >= 200 && status < 300;
    }

    /** Why the call did not succeed, for people reading the summary or the report. */
    public String problem() {
        return error != null ? error : "HTTP " + status;
    }
}
