package org.sms1069.api.support;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import reactor.core.publisher.Flux;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A Lua script under {@code redis/}, run by its SHA-1 (EVALSHA); sent in full only when Redis does not know it yet. */
public final class LuaScript {
    private final String text;
    private final String sha;

    private LuaScript(String text) {
        this.text = text;
        try {
            this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static LuaScript load(String name) {
        return new LuaScript(RedisScripts.load(name));
    }

    public <T> Flux<T> run(RedisReactiveCommands<String, String> redis, ScriptOutputType type, String[] keys, String... args) {
        return redis.<T>evalsha(sha, type, keys, args)
                .onErrorResume(RedisNoScriptException.class, missing -> redis.eval(text, type, keys, args));
    }
}
