package io.marketswarm.store;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;

/**
 * One Redis role's client: the parsed URI, a Lettuce client with its own small thread pools, and the rule for error
 * messages ({@code "<role> <uri without password> <OPERATION> <key> failed: <reason>"}).
 *
 * <p>Timeouts: connect {@value #CONNECT_TIMEOUT_MS} ms, every command {@value #COMMAND_TIMEOUT_MS} ms (a
 * {@code timeout} query parameter in the URI wins). After a lost connection Lettuce reconnects by itself, waiting
 * 10 ms doubling up to {@value #RECONNECT_MAX_DELAY_MS} ms between attempts; commands issued meanwhile wait (up to
 * their timeout) for the new connection. Thread-safe.
 */
final class RedisEndpoint {

    /** Connect timeout; a host that does not answer fails the call after this long. */
    static final long CONNECT_TIMEOUT_MS = 5_000;
    /** Command timeout; a 20 MB value on a slow link must fit in it. */
    static final long COMMAND_TIMEOUT_MS = 10_000;
    /** Longest wait between reconnect attempts; lower → faster recovery, higher → less noise while Redis is down. */
    static final long RECONNECT_MAX_DELAY_MS = 2_000;

    /** Shorter passwords are not searched for in third-party messages: masking them would mangle port numbers. */
    private static final int MIN_SCRUBBED_PASSWORD = 4;

    private final String role;
    private final String redactedUri;
    private final List<String> passwords;
    private final ClientResources resources;
    private final RedisClient client;

    /**
     * @param role     the role name for messages, e.g. {@code system-redis}.
     * @param redisUri a Lettuce Redis URI, e.g. {@code redis://:password@host:6379/0}.
     * @throws IllegalArgumentException if the URI cannot be parsed (the message holds it without its password).
     */
    RedisEndpoint(final String role, final String redisUri) {
        this.role = Objects.requireNonNull(role, "role");
        Objects.requireNonNull(redisUri, "redisUri");
        this.redactedUri = RedisUris.redact(redisUri);
        final RedisURI uri;
        try {
            uri = RedisURI.create(redisUri);
        } catch (final RuntimeException e) {
            throw new IllegalArgumentException(role + ": invalid Redis URI " + redactedUri);
        }
        if (!redisUri.contains(RedisURI.PARAMETER_NAME_TIMEOUT + "=")) {
            uri.setTimeout(Duration.ofMillis(COMMAND_TIMEOUT_MS));
        }
        final String secret = RedisUris.password(redisUri);
        this.passwords = secret == null || secret.length() < MIN_SCRUBBED_PASSWORD
            ? List.of() : List.of(secret, percentDecoded(secret));
        this.resources = DefaultClientResources.builder()
            .ioThreadPoolSize(2)
            .computationThreadPoolSize(2)
            .reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofMillis(RECONNECT_MAX_DELAY_MS), 2,
                TimeUnit.MILLISECONDS))
            .build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
            .autoReconnect(true)
            .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofMillis(CONNECT_TIMEOUT_MS)).build())
            .timeoutOptions(TimeoutOptions.enabled(uri.getTimeout()))
            .build());
    }

    RedisClient client() {
        return client;
    }

    /** @return the URI without its password. */
    String describe() {
        return redactedUri;
    }

    /**
     * @param operation the Redis command, e.g. {@code GET}.
     * @param target    the key or channel.
     * @param cause     what went wrong.
     * @return an exception whose message names role, URI, operation and target, and never the password.
     */
    StoreException failure(final String operation, final String target, final Throwable cause) {
        return new StoreException(scrub(role + " " + redactedUri + " " + operation + " " + target + " failed: "
            + reason(cause)), cause);
    }

    /** Closes every connection of the client and stops its threads; waits at most two seconds. */
    void close() {
        client.shutdown(0, 2, TimeUnit.SECONDS);
        resources.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
    }

    private static String percentDecoded(final String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (final IllegalArgumentException e) {
            return text;
        }
    }

    private static String reason(final Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        final String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    private String scrub(final String text) {
        String scrubbed = text;
        for (final String password : passwords) {
            scrubbed = scrubbed.replace(password, RedisUris.MASK);
        }
        return scrubbed;
    }
}
