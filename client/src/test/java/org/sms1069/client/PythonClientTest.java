package org.sms1069.client;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the Python client's own tests (python/test_sms1069.py: the README's golden signatures, retries) in the build. */
class PythonClientTest {

    @Test
    void pythonClientPassesItsUnitTests() throws Exception {
        Path python = Path.of("python").toAbsolutePath();
        Process process = new ProcessBuilder("python3", "-m", "unittest", "discover", "-s", python.toString(), "-v")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        assertThat(finished).as("python3 unittest did not finish in 120 s").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).containsPattern("Ran [1-9][0-9]* tests").contains("\nOK");
        assertThat(Files.exists(python.resolve("sms1069.py"))).isTrue();
    }
}
