package org.sms1069.messaging;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Processes the decoded records of one poll together (e.g. one statement for all of them); the stage completes
 * when every one's outcome is durable. The records are in offset order within each partition. When the batch
 * fails, {@link ReliableConsumer} hands the same records over again one at a time, as a list of one, so the
 * handler must be idempotent and a list of one must answer for that record alone (poison or transient).
 */
@FunctionalInterface
public interface BatchHandler<T> {
    CompletionStage<?> handle(List<Received<T>> records) throws Exception;
}
