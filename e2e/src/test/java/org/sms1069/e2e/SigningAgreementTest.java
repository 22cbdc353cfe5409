package org.sms1069.e2e;

import org.junit.jupiter.api.Test;
import org.sms1069.api.auth.RequestSignature;
import org.sms1069.client.RequestSigner;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client libraries sign independently of the api (they must not depend on it), so the three spellings of
 * signing version 2 (the api's RequestSignature, the Java client's RequestSigner, the Python client's
 * canonical_request) are held to one another on many awkward queries: '+' and %20, encoded '&amp;' and '=',
 * repeated and empty names, UTF-8, unreserved characters written encoded.
 */
class SigningAgreementTest {
    private static final String[] TOKENS = {"a", "b", "Z", "0", "9", "-", ".", "_", "~", "*", "+", "%20", "%2B", "%26",
            "%3D", "%2F", "%7E", "%41", "%E4%B8%80", "%F0%9F%98%80", "=", "!", "'", "(", ")", ":", "@", "$", ","};
    private static final byte[] BODY = "{\"phones\":[\"13800138000\"]}".getBytes(StandardCharsets.UTF_8);

    @Test
    void apiJavaClientAndPythonClientCanonicaliseAlike() throws Exception {
        Random random = new Random(20261207L);
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            queries.add(randomQuery(random));
        }
        List<String> api = new ArrayList<>();
        for (String query : queries) {
            String fromApi = RequestSignature.canonicalV2("GET", "/v1/messages", query, "1764331200", "3f6c1e0a9b2d4c58", "k-1", BODY);
            String fromClient = RequestSigner.canonical("GET", "/v1/messages", query, 1764331200L, "3f6c1e0a9b2d4c58", "k-1", BODY);
            assertThat(fromClient).as("query %s", query).isEqualTo(fromApi);
            api.add(fromApi.replace("\n", "\\n"));
        }
        assertThat(python(queries)).isEqualTo(api);
    }

    private static String randomQuery(Random random) {
        StringBuilder query = new StringBuilder();
        int parts = random.nextInt(5);
        for (int p = 0; p < parts; p++) {
            if (p > 0) {
                query.append(random.nextInt(8) == 0 ? "&&" : "&");
            }
            int length = 1 + random.nextInt(6);
            for (int t = 0; t < length; t++) {
                query.append(TOKENS[random.nextInt(TOKENS.length)]);
            }
        }
        return query.toString();
    }

    /** Each query's canonical request from sms1069.py, one a line, newlines written as \n. */
    private static List<String> python(List<String> queries) throws Exception {
        Path client = Path.of("").toAbsolutePath().getParent().resolve("client/python");
        String script = "import sys, sms1069\n"
                + "for q in sys.stdin.read().split('\\n'):\n"
                + "    c = sms1069.canonical_request('GET', '/v1/messages', q, 1764331200, '3f6c1e0a9b2d4c58', 'k-1', "
                + "b'{\"phones\":[\"13800138000\"]}')\n"
                + "    print(c.replace('\\n', '\\\\n'))\n";
        ProcessBuilder builder = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true);
        builder.environment().put("PYTHONPATH", client.toString());
        builder.environment().put("PYTHONIOENCODING", "utf-8");
        Process process = builder.start();
        process.getOutputStream().write(String.join("\n", queries).getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().toList();
    }
}
