package org.sms1069.gateway.link;

import java.util.concurrent.CompletionStage;

/**
 * Where a link hands what the carrier sends us. A link answers the carrier's DELIVER with success only when the
 * returned stage completes normally: the receipt or MO is then durable (acknowledged by Kafka, or kept in Redis
 * until it can be). A failed stage means nothing was kept: the link answers with the protocol's temporary failure
 * so that the carrier sends it again. Implementations must not block the caller.
 */
public interface InboundSink {
    CompletionStage<Void> onReceipt(Receipt receipt);

    CompletionStage<Void> onMo(MoPart part);
}
