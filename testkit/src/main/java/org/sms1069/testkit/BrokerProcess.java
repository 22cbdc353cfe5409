package org.sms1069.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Kafka broker in a process of its own (deploy/kafka/kafka.sh), for tests that must pause or kill the
 * broker as an operator's fault would: SIGSTOP / SIGCONT by the broker's pid. Stopped on {@link #close()}.
 */
public final class BrokerProcess implements AutoCloseable {
    private final Path script;
    private final Path dir;
    private final int port;

    private BrokerProcess(Path script, Path dir, int port) {
        this.script = script;
        this.dir = dir;
        this.port = port;
    }

    /** Starts a broker on a free port; {@code repoRoot} is the checkout (tests run in a module folder: "..") */
    public static BrokerProcess start(Path repoRoot) throws IOException, InterruptedException {
        Path script = repoRoot.resolve("deploy/kafka/kafka.sh").toAbsolutePath().normalize();
        int port = Integer.parseInt(run(script, "free-port").strip());
        BrokerProcess broker = new BrokerProcess(script, Files.createTempDirectory("sms-kafka-"), port);
        run(script, "start", broker.dir.toString(), Integer.toString(port));
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** SIGSTOP: the broker holds its connections open but answers nothing, like a long GC or a frozen VM. */
    public void pause() throws IOException, InterruptedException {
        signal("-STOP");
    }

    public void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        String pid = Files.readString(dir.resolve("kafka.pid")).strip();
        Process kill = new ProcessBuilder("kill", signal, pid).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill " + signal + " " + pid + " failed");
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        resume();
        run(script, "stop", dir.toString());
    }

    private static String run(Path script, String... args) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(concat(script, args)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("kafka.sh " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    private static List<String> concat(Path script, String... args) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of("bash", script.toString()),
                java.util.stream.Stream.of(args)).toList();
    }
}
