package io.marketswarm.store.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A throw-away {@code redis-server} for tests: a real binary (from {@code PATH}, {@code /usr/bin} or
 * {@code /usr/local/bin}) on a free loopback port, no persistence, its working directory and log in a temporary
 * directory. Never the machine's own Redis on 6379.
 *
 * <p>Without the binary, {@link #start()} aborts the test (JUnit assumption) with a message, except under
 * {@code CI_STRICT=1}, where it fails it. Not thread-safe: one test thread drives it.
 */
public final class RedisServerProcess implements AutoCloseable {

    private static final long READY_TIMEOUT_MS = 5_000;
    private static final List<Path> EXTRA_DIRS = List.of(Path.of("/usr/bin"), Path.of("/usr/local/bin"));

    private final Path binary;
    private final Path dir;
    private final int port;
    private Process process;

    private RedisServerProcess(final Path binary, final Path dir, final int port) {
        this.binary = binary;
        this.dir = dir;
        this.port = port;
    }

    /**
     * Starts a server and waits until it answers {@code PING}; tries another port if one was taken meanwhile.
     *
     * @return the running server; close it after the test.
     */
    public static RedisServerProcess start() {
        final Path binary = findBinary();
        if (binary == null) {
            final String message = "redis-server not found on PATH, in /usr/bin or /usr/local/bin (install Redis to "
                + "run this test)";
            if ("1".equals(System.getenv("CI_STRICT"))) {
                Assertions.fail(message + "; CI_STRICT=1 forbids skipping");
            }
            Assumptions.abort(message);
        }
        IllegalStateException failure = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            final RedisServerProcess server = new RedisServerProcess(binary, tempDir(), freePort());
            try {
                server.launch();
                return server;
            } catch (final IllegalStateException e) {
                server.close();
                failure = e;
            }
        }
        throw failure;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("redis-test-");
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a loopback port nothing listens on right now (for "Redis is down" tests). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return {@code redis://127.0.0.1:<port>}. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** @return the server's port. */
    public int port() {
        return port;
    }

    /** Stops the server (SIGTERM, then SIGKILL after 5 s); the port is closed when this returns. */
    public void stop() {
        final Process running = process;
        process = null;
        if (running == null) {
            return;
        }
        running.destroy();
        try {
            if (!running.waitFor(5, TimeUnit.SECONDS)) {
                running.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (final InterruptedException e) {
            running.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the server and starts a new one on the same port, waiting until it answers {@code PING}. */
    public void restart() {
        stop();
        launch();
    }

    /** Stops the server and deletes its directory. */
    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void launch() {
        final List<String> command = new ArrayList<>(List.of(binary.toString(), "--save", "", "--appendonly", "no",
            "--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir", dir.toString()));
        final Path log = dir.resolve("redis.log");
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MS);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server on port " + port + " exited with "
                    + process.exitValue() + ": " + tail(log));
            }
            if (answersPing()) {
                return;
            }
            sleepMs(10);
        }
        stop();
        throw new IllegalStateException("redis-server on port " + port + " did not answer PING within "
            + READY_TIMEOUT_MS + " ms: " + tail(log));
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            socket.setSoTimeout(500);
            final OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            final InputStream in = socket.getInputStream();
            final byte[] reply = new byte[7];
            int read = 0;
            while (read < reply.length) {
                final int n = in.read(reply, read, reply.length - read);
                if (n < 0) {
                    return false;
                }
                read += n;
            }
            return "+PONG\r\n".equals(new String(reply, StandardCharsets.US_ASCII));
        } catch (final IOException e) {
            return false;
        }
    }

    private static Path findBinary() {
        final List<Path> dirs = new ArrayList<>();
        final String path = System.getenv("PATH");
        if (path != null) {
            for (final String entry : path.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    dirs.add(Path.of(entry));
                }
            }
        }
        dirs.addAll(EXTRA_DIRS);
        for (final Path candidate : dirs) {
            final Path binary = candidate.resolve("redis-server");
            if (Files.isRegularFile(binary) && Files.isExecutable(binary)) {
                return binary;
            }
        }
        return null;
    }

    private static String tail(final Path log) {
        try {
            final String text = Files.readString(log);
            return text.length() <= 2000 ? text : text.substring(text.length() - 2000);
        } catch (final IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void sleepMs(final long ms) {
        try {
            Thread.sleep(ms);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for redis-server", e);
        }
    }
}
