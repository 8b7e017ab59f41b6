package io.marketswarm.cli.volume;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code marketswarm} in a child JVM with a chosen environment and standard input, as a user would run the jar:
 * the commands read their keys and Redis URLs from the environment, which a test cannot set in its own JVM.
 */
final class CliProcess {

    /** Exit code and output of one run. */
    record Result(int exitCode, String out, String err) {
    }

    private CliProcess() {
    }

    /** @return {@code java [the test JVM's --add-opens/--add-exports] -cp CLASSPATH io.marketswarm.cli.Main}. */
    static List<String> javaCommand() {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-") || arg.startsWith("--sun-misc") || arg.startsWith("-Dio.netty.noUnsafe")) {
                command.add(arg);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.marketswarm.cli.Main");
        return command;
    }

    static Result run(final Map<String, String> env, final String stdin, final Path workDir, final String... args)
        throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>();
        command.addAll(javaCommand());
        command.addAll(List.of(args));
        final ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().remove("SYSTEM_REDIS_URL");
        pb.environment().remove("MARKET_REDIS_URL");
        pb.environment().remove("MASSIVE_API_KEY");
        pb.environment().remove("POLYGON_API_KEY");
        pb.environment().remove("ENABLE_VOLUME_PROFILE");
        pb.environment().remove("MARKETSWARM_CONFIG");
        pb.environment().putAll(env);
        final Path out = Files.createTempFile(workDir, "out", ".txt");
        final Path err = Files.createTempFile(workDir, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        final Process process = pb.start();
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("marketswarm " + String.join(" ", args) + " did not end in 120 s");
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
