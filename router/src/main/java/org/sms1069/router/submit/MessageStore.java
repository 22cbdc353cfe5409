package org.sms1069.router.submit;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.sms1069.model.event.AcceptedMessage;
import org.sms1069.model.json.SmsJson;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The accepted messages the router routed, as JSON under {@code sms:msg:<id>} for the receipt timeout,
 * so that a portability receipt can send the message again on the right carrier.
 */
public final class MessageStore {
    private static final String PREFIX = "sms:msg:";

    private final RedisAsyncCommands<String, String> redis;
    private final Duration ttl;

    public MessageStore(RedisAsyncCommands<String, String> redis, Duration ttl) {
        this.redis = redis;
        this.ttl = ttl;
    }

    public CompletionStage<Void> keep(AcceptedMessage message) {
        String json = new String(SmsJson.write(message), StandardCharsets.UTF_8);
        return redis.set(PREFIX + message.messageId(), json, SetArgs.Builder.ex(ttl)).thenApply(ok -> null);
    }

    public CompletionStage<Optional<AcceptedMessage>> find(String messageId) {
        return redis.get(PREFIX + messageId).thenApply(json -> Optional.ofNullable(json)
                .map(j -> SmsJson.read(j.getBytes(StandardCharsets.UTF_8), AcceptedMessage.class)));
    }
}
