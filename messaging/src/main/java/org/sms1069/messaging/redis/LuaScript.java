package org.sms1069.messaging.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import io.lettuce.core.api.reactive.RedisScriptingReactiveCommands;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A Redis Lua script, run by its SHA-1 (EVALSHA) and sent in full (EVAL, which also caches it) only when Redis does
 * not know it yet: after a restart, a SCRIPT FLUSH or a failover.
 */
public final class LuaScript {
    private final String text;
    private final String sha;

    private LuaScript(String text) {
        this.text = text;
        this.sha = sha1(text);
    }

    public static LuaScript of(String text) {
        return new LuaScript(text);
    }

    /** The script in the classpath resource {@code path} (such as {@code redis/send.lua}), read once. */
    public static LuaScript resource(String path) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = (loader != null ? loader : LuaScript.class.getClassLoader()).getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no Lua script at " + path + " on the classpath");
            }
            return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String sha() {
        return sha;
    }

    public <T> Flux<T> run(RedisScriptingReactiveCommands<String, String> redis, ScriptOutputType type, String[] keys,
                           String... args) {
        return redis.<T>evalsha(sha, type, keys, args)
                .onErrorResume(RedisNoScriptException.class, missing -> redis.eval(text, type, keys, args));
    }

    public <T> CompletionStage<T> run(RedisScriptingAsyncCommands<String, String> redis, ScriptOutputType type,
                                      String[] keys, String... args) {
        return redis.<T>evalsha(sha, type, keys, args).toCompletableFuture()
                .exceptionallyCompose(error -> cause(error) instanceof RedisNoScriptException
                        ? redis.<T>eval(text, type, keys, args)
                        : CompletableFuture.failedStage(error));
    }

    private static Throwable cause(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
