package dev.recsys.recommender.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A "database" that accepts connections and never answers, like a PostgreSQL server frozen by SIGSTOP: the
 * catalog datasource points at it. Each connection is dropped after {@link #HOLD_MS}, well past the service's
 * 5 s query limit: a connection attempt left pending forever would also keep the application's Vert.x from
 * closing after the test, and the next test class in the same JVM would never start.
 */
public class HungServerResource implements QuarkusTestResourceLifecycleManager {

    private static final long HOLD_MS = 20_000;

    private ServerSocket server;
    private final ScheduledExecutorService closer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "hung-server-closer");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Socket> held = new ArrayList<>();

    @Override
    public Map<String, String> start() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    synchronized (held) {
                        held.add(socket);
                    }
                    closer.schedule(() -> closeQuietly(socket), HOLD_MS, TimeUnit.MILLISECONDS);
                } catch (IOException closed) {
                    return;
                }
            }
        }, "hung-server");
        acceptor.setDaemon(true);
        acceptor.start();
        int port = server.getLocalPort();
        return Map.of("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + port + "/recommender_test",
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + port + "/recommender_test",
                "quarkus.flyway.migrate-at-start", "false");
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed by the client
        }
    }

    @Override
    public void stop() {
        closer.shutdownNow();
        try {
            server.close();
            synchronized (held) {
                for (Socket socket : held) {
                    socket.close();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
