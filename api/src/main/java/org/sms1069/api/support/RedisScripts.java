package org.sms1069.api.support;

import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The Lua scripts under {@code redis/} on the classpath, read once at start-up. */
public final class RedisScripts {
    private RedisScripts() {
    }

    public static String load(String name) {
        try {
            return new ClassPathResource("redis/" + name).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
