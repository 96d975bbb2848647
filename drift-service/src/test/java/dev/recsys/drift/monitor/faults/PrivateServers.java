package dev.recsys.drift.monitor.faults;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Redis and a PostgreSQL of this test's own, on free ports and in a temporary directory, that
 * fault tests stop, start and freeze (SIGSTOP) — never the shared servers. PostgreSQL runs as user
 * {@code postgres} when the tests run as root (initdb refuses root).
 */
public class PrivateServers implements QuarkusTestResourceLifecycleManager {

    private static Path dir;
    private static int redisPort;
    private static int pgPort;
    private static Process redis;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("drift-faults");
            redisPort = freePort();
            pgPort = freePort();
            startRedis();
            Path data = dir.resolve("pg");
            Files.createDirectories(data);
            if (root()) {
                run("chown", "-R", "postgres:postgres", dir.toString());
                run("chmod", "o+rx", dir.toString());
            }
            asOwner(pgBin("initdb") + " -D " + data + " -U postgres -A trust -E UTF8");
            startPostgres();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + redisPort,
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres");
    }

    @Override
    public void stop() {
        thawPostgres();
        try {
            asOwner(pgBin("pg_ctl") + " -D " + dir.resolve("pg") + " -m immediate stop");
        } catch (RuntimeException e) {
            // already stopped
        }
        stopRedis();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // left in the temp directory
        }
    }

    public static void startRedis() {
        try {
            redis = new ProcessBuilder("redis-server", "--port", Integer.toString(redisPort), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString())
                    .redirectOutput(dir.resolve("redis.log").toFile()).redirectErrorStream(true).start();
            awaitPort(redisPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void stopRedis() {
        if (redis != null) {
            redis.destroy();
            try {
                redis.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static void startPostgres() {
        asOwner(pgBin("pg_ctl") + " -D " + dir.resolve("pg") + " -l " + dir.resolve("pg.log") + " -w -o \"-p "
                + pgPort + " -k " + dir + " -c listen_addresses=127.0.0.1\" start");
    }

    public static void stopPostgres() {
        asOwner(pgBin("pg_ctl") + " -D " + dir.resolve("pg") + " -m fast -w stop");
    }

    /** SIGSTOPs the postmaster and every backend: connections are accepted by the kernel, nothing answers. */
    public static void freezePostgres() {
        signalPostgres("-STOP");
    }

    public static void thawPostgres() {
        signalPostgres("-CONT");
    }

    private static void signalPostgres(String signal) {
        Path pidFile = dir.resolve("pg").resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            List<String> command = new ArrayList<>(List.of("kill", signal, Long.toString(pid)));
            ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> command.add(Long.toString(d.pid()))));
            run(command.toArray(String[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pgBin(String tool) {
        File[] versions = new File("/usr/lib/postgresql").listFiles();
        if (versions != null && versions.length > 0) {
            File newest = Stream.of(versions).max(Comparator.comparing(File::getName)).orElseThrow();
            File bin = new File(newest, "bin/" + tool);
            if (bin.canExecute()) {
                return bin.getPath();
            }
        }
        return tool;
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void asOwner(String command) {
        if (root()) {
            run("su", "postgres", "-s", "/bin/bash", "-c", command);
        } else {
            run("bash", "-c", command);
        }
    }

    private static void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("commands.log").toFile())).start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("failed: " + String.join(" ", command) + " (see " + dir + "/commands.log)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitPort(int port) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            try (var socket = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        throw new IllegalStateException("nothing listens on " + port);
    }
}
