package io.marketswarm.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

final class RedisUrisTest {

    @Test
    void shouldMaskPasswordWithoutUser() {
        assertEquals("redis://:***@host:1/0", RedisUris.redact("redis://:secret@host:1/0"));
    }

    @Test
    void shouldMaskPasswordAndKeepUser() {
        assertEquals("redis://user:***@host", RedisUris.redact("redis://user:secret@host"));
        assertEquals("rediss://user:***@host:6380/2?timeout=5s",
            RedisUris.redact("rediss://user:secret@host:6380/2?timeout=5s"));
    }

    @Test
    void shouldMaskUserInfoWithoutColonAsPassword() {
        assertEquals("redis://***@host:6379", RedisUris.redact("redis://secret@host:6379"));
    }

    @Test
    void shouldMaskPasswordHoldingReservedCharacters() {
        assertEquals("redis://:***@host", RedisUris.redact("redis://:p@ss/w?rd:x@host"));
        assertEquals("redis://u:***@host", RedisUris.redact("redis://u:p%40ss@host"));
    }

    @Test
    void shouldMaskPasswordQueryParameter() {
        assertEquals("redis-socket:///tmp/redis.sock?database=1&password=***",
            RedisUris.redact("redis-socket:///tmp/redis.sock?database=1&password=secret"));
    }

    @Test
    void shouldLeaveUriWithoutPasswordAlone() {
        assertEquals("redis://127.0.0.1:6390", RedisUris.redact("redis://127.0.0.1:6390"));
        assertEquals("redis://127.0.0.1:6390/3", RedisUris.redact("redis://127.0.0.1:6390/3"));
        assertEquals("not a uri", RedisUris.redact("not a uri"));
        assertNull(RedisUris.redact(null));
    }

    @Test
    void shouldExtractThePasswordAsWritten() {
        assertEquals("p%40ss", RedisUris.password("redis://u:p%40ss@host"));
        assertNull(RedisUris.password("redis://host"));
        assertNull(RedisUris.password("redis://user:@host"));
    }
}
