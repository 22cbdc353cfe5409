package org.sms1069.api.compliance;

import org.sms1069.api.messaging.ApiConsumers;
import org.sms1069.messaging.ReliableConsumer;
import org.sms1069.model.Topics;
import org.sms1069.model.event.BlockedMessage;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;

/** Consumes {@code sms.blocked} into the compliance log ({@link CompliancePurge} deletes entries past the retention). */
@Component
public class ComplianceLogRuntime implements SmartLifecycle {
    private final BlockedLog log;
    private final ApiConsumers consumers;
    private ReliableConsumer<BlockedMessage> consumer;

    public ComplianceLogRuntime(BlockedLog log, ApiConsumers consumers) {
        this.log = log;
        this.consumers = consumers;
    }

    @Override
    public void start() {
        consumer = consumers.start(Topics.BLOCKED, "api-blocked",
                record -> log.record(record.value()).timeout(Duration.ofSeconds(30)).toFuture());
    }

    @Override
    public void stop() {
        if (consumer != null) {
            consumer.close();
            consumer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return consumer != null;
    }
}
