package org.sms1069.messaging;

import java.time.Instant;

/**
 * What a {@link ReliableConsumer} last knew of itself: whether its loop runs, the records waiting on its
 * partitions, and when it last made progress (committed, caught up, or chose to wait for a due time).
 * {@code stalled} means: not running although not closed, or records waiting and no progress for longer
 * than the consumer's {@code stallAfter}.
 */
public record ConsumerStatus(String service, String group, String topic, boolean running, long lag,
                             Instant lastProgress, boolean stalled) {
}
