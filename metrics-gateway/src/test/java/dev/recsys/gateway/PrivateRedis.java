package dev.recsys.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A redis-server of the test's own on a free port (never the shared one), for tests that stop Redis:
 * the gateway under test is pointed at it, and {@link #kill()} takes it away.
 */
public class PrivateRedis implements QuarkusTestResourceLifecycleManager {

    private static Process server;

    @Override
    public Map<String, String> start() {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            server = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            for (int attempt = 0; attempt < 100; attempt++) {
                try (Socket probe = new Socket("127.0.0.1", port)) {
                    break;
                } catch (IOException notYet) {
                    Thread.sleep(50);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + port);
    }

    /** Stops the private Redis the way a crash would. */
    public static void kill() throws InterruptedException {
        server.destroyForcibly().waitFor();
    }

    @Override
    public void stop() {
        if (server != null && server.isAlive()) {
            server.destroyForcibly();
        }
    }
}
