package io.marketswarm.cli.volume;

import io.marketswarm.runtime.volume.FakeMassiveApi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.marketswarm.store.testsupport.RedisServerProcess;

/** The {@code volume-profile} commands and the serve guard as a user runs them: a child JVM, env and stdin. */
class VolumeProfileCommandTest {

    @TempDir
    Path dir;

    private FakeMassiveApi api;
    private Map<String, String> env;

    @BeforeEach
    void start() throws IOException {
        api = new FakeMassiveApi("SPY", 700);
        api.addSynthetic(LocalDate.of(2025, 11, 3), LocalDate.of(2025, 11, 7), 600.0, 5);
        env = Map.of("MASSIVE_BASE_URL", api.baseUrl(), "MASSIVE_API_KEY", FakeMassiveApi.KEY,
            "MARKETSWARM_STORE_DIR", dir.resolve("store").toString());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private CliProcess.Result run(final String stdin, final String... args) throws Exception {
        return CliProcess.run(env, stdin, dir, args);
    }

    private List<String> publications() throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("store"))) {
            return files.filter(p -> p.toString().endsWith(".jsonl")).flatMap(p -> {
                try {
                    return Files.readAllLines(p).stream();
                } catch (final IOException ex) {
                    throw new IllegalStateException(ex);
                }
            }).toList();
        }
    }

    @Test
    void backfillThenSummaryOnTheLocalStore() throws Exception {
        final CliProcess.Result backfill = run(null, "volume-profile", "backfill", "--ticker", "spy", "--start",
            "2025-11-03", "--end", "2025-11-07", "--publish", "both");
        assertEquals(0, backfill.exitCode(), backfill.err());
        assertTrue(backfill.out().contains("backfill SPY → SPX done"), backfill.out());
        assertTrue(backfill.out().contains("1,950 bars"), backfill.out());
        assertTrue(backfill.out().contains("massive:volume_profile:model:SPX and massive:volume_profile"),
            backfill.out());
        assertFalse(backfill.err().contains(FakeMassiveApi.KEY), "the key is never logged");
        final List<String> messages = publications();
        assertEquals(2, messages.size(), messages.toString());
        assertTrue(messages.get(0).startsWith("{\"symbol\":\"SPX\",\"mode\":\"raw\""));
        assertTrue(messages.get(1).startsWith("{\"symbol\":\"SPX\",\"mode\":\"tv\""));

        final CliProcess.Result summary = run(null, "volume-profile", "backfill", "--ticker", "SPY", "--summary");
        assertEquals(0, summary.exitCode(), summary.err());
        for (final String field : new String[] {"symbol          SPY", "synthetic       SPX", "multiplier      10.0 "
            + "(default)", "bar_count       1,950", "first bar       2025-11-03T14:30:00Z (2025-11-03 09:30:00 -05:00 ET)",
            "last bar        2025-11-07T20:59:00Z", "total volume    RAW ", "bins            RAW ", "VPOC            ",
            "last_updated    20"}) {
            assertTrue(summary.out().contains(field), field + " in\n" + summary.out());
        }
        final CliProcess.Result none = run(null, "volume-profile", "backfill", "--ticker", "QQQ", "--summary");
        assertEquals(1, none.exitCode(), "no NDX model: exit 1");
        assertTrue(none.out().contains("no NDX model"), none.out());
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        final CliProcess.Result noAction = run(null, "volume-profile", "backfill", "--ticker", "SPY");
        assertEquals(2, noAction.exitCode());
        assertTrue(noAction.err().contains("no action"), noAction.err());
        assertTrue(noAction.err().contains("Usage:"), noAction.err());
        final CliProcess.Result badTicker = run(null, "volume-profile", "backfill", "--ticker", "IWM", "--years", "5");
        assertEquals(2, badTicker.exitCode());
        assertTrue(badTicker.err().contains("unknown ticker 'IWM'"), badTicker.err());
        final CliProcess.Result badFlag = run(null, "volume-profile", "backfill", "--ticker", "SPY", "--yeers", "5");
        assertEquals(2, badFlag.exitCode());
        assertTrue(badFlag.err().contains("--yeers"), badFlag.err());
        final CliProcess.Result halfRange = run(null, "volume-profile", "backfill", "--ticker", "SPY", "--start",
            "2025-01-01");
        assertEquals(2, halfRange.exitCode());
        final CliProcess.Result bare = run(null, "volume-profile");
        assertEquals(2, bare.exitCode());
        assertTrue(bare.err().contains("backfill, menu or update"), bare.err());
    }

    @Test
    void fullHistoryWithEveryBarIsRefusedBeforeAnythingIsDeletedOrFetched() throws Exception {
        assertEquals(0, run(null, "volume-profile", "backfill", "--ticker", "SPY", "--start", "2025-11-03", "--end",
            "2025-11-07").exitCode());
        final int requests = api.requests().size();
        final CliProcess.Result r = run(null, "volume-profile", "backfill", "--ticker", "SPY", "--years", "max",
            "--wipe");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("add --no-ohlc (nothing was deleted or fetched)"), r.err());
        assertEquals(requests, api.requests().size(), "nothing fetched");
        assertEquals(0, run(null, "volume-profile", "backfill", "--ticker", "SPY", "--summary").exitCode(),
            "the model is still there");
    }

    @Test
    void aRejectedKeyFailsClearlyAndWritesNothing() throws Exception {
        env = Map.of("MASSIVE_BASE_URL", api.baseUrl(), "MASSIVE_API_KEY", "wrong-key-77",
            "MARKETSWARM_STORE_DIR", dir.resolve("store").toString());
        final CliProcess.Result r = run(null, "volume-profile", "backfill", "--ticker", "SPY", "--years", "1");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("HTTP 401") && r.err().contains("Unknown API Key"), r.err());
        assertFalse(r.err().contains("wrong-key-77") || r.out().contains("wrong-key-77"), "key not printed");
        assertEquals(1, run(null, "volume-profile", "backfill", "--ticker", "SPY", "--summary").exitCode());
    }

    @Test
    void theMenuPassesThePublishModeToEveryAction() throws Exception {
        final String input = String.join("\n", "7", "1", "3", "9", "3", "2025-11-03", "2025-11-07",
            "1", "", "5", "x", "");
        final CliProcess.Result r = run(input, "volume-profile", "menu");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("Invalid ticker selection."), r.out());
        assertTrue(r.out().contains("SPY → SPX, publish both"), r.out());
        assertTrue(r.out().contains("Invalid option"), r.out());
        assertTrue(r.out().contains("backfill SPY → SPX done"), r.out());
        assertTrue(r.out().contains("bar_count       1,950"), r.out());
        final List<String> messages = publications();
        assertEquals(2, messages.size(), "publish both from the menu: " + messages.size());
        assertTrue(messages.get(1).contains("\"mode\":\"tv\""));
    }

    @Test
    void serveRefusesToStartWithoutTheModel() throws Exception {
        final Map<String, String> enabled = Map.of("ENABLE_VOLUME_PROFILE", "true",
            "MARKETSWARM_STORE_DIR", dir.resolve("store").toString());
        final CliProcess.Result r = CliProcess.run(enabled, null, dir, "serve", "--port", "0");
        assertNotEquals(0, r.exitCode());
        assertTrue(r.err().contains("Setup failed — Volume Profile model missing in system-redis key "
            + "'massive:volume_profile'. Massive is configured with volume_profile enabled, so startup is blocked."),
            r.err());
        assertTrue(r.err().contains("→ Run the VP backfill step (e.g. `volume-profile backfill --ticker SPY --years "
            + "5`) to create the 5-year SPY→SPX Volume Profile model, then restart Massive."), r.err());
        assertTrue(r.err().contains("Massive will not start until the issue above is resolved."), r.err());

        final Map<String, String> down = Map.of("ENABLE_VOLUME_PROFILE", "true", "SYSTEM_REDIS_URL",
            "redis://127.0.0.1:" + RedisServerProcess.freePort());
        final CliProcess.Result r2 = CliProcess.run(down, null, dir, "serve", "--port", "0");
        assertNotEquals(0, r2.exitCode());
        assertTrue(r2.err().contains("Unable to verify Volume Profile model in system-redis: ")
            && r2.err().contains(". Check SYSTEM_REDIS_URL and Redis availability."), r2.err());
    }
}
