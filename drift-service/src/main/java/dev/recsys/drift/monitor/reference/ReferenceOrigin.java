package dev.recsys.drift.monitor.reference;

/**
 * Where a reference came from, as status and report name it.
 *
 * @param source    {@code repository}, {@code admin} or {@code baseline}
 * @param version   the model version whose reference.json this is (repository only)
 * @param file      that file relative to the model repository, e.g. {@code movie-recs/1/reference.json}
 *                  (repository only; never an absolute path)
 * @param updatedAt when an administrator set it (admin and baseline), epoch ms
 * @param from      start of the baseline's event-time range, inclusive (baseline only), epoch ms
 * @param to        end of the baseline's event-time range, exclusive (baseline only), epoch ms
 * @param events    prediction events the baseline was taken from (baseline only)
 */
public record ReferenceOrigin(String source, String version, String file, Long updatedAt, Long from, Long to,
                              Integer events) {

    public static final String REPOSITORY = "repository";
    public static final String ADMIN = "admin";
    public static final String BASELINE = "baseline";

    public static ReferenceOrigin repository(String version, String file) {
        return new ReferenceOrigin(REPOSITORY, version, file, null, null, null, null);
    }

    public static ReferenceOrigin admin(long updatedAt) {
        return new ReferenceOrigin(ADMIN, null, null, updatedAt, null, null, null);
    }

    public static ReferenceOrigin baseline(long updatedAt, long from, long to, int events) {
        return new ReferenceOrigin(BASELINE, null, null, updatedAt, from, to, events);
    }
}
