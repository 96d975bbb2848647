package dev.recsys.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/** A tiny HTTP server standing in for another service of the system (recommender, drift-service). */
public final class StubService implements AutoCloseable {

    private final HttpServer server;

    private StubService(HttpServer server) {
        this.server = server;
    }

    public static StubService on(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.start();
        return new StubService(server);
    }

    /** Answers GET path (query ignored) with the status, content type and body. */
    public StubService answer(String path, int status, String contentType, String body) {
        server.createContext(path, exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        return this;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
