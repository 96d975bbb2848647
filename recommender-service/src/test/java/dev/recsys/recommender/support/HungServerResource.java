package dev.recsys.recommender.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A "database" that accepts connections and never answers, like a PostgreSQL server frozen by SIGSTOP: the
 * catalog datasource points at it.
 */
public class HungServerResource implements QuarkusTestResourceLifecycleManager {

    private ServerSocket server;
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

    @Override
    public void stop() {
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
