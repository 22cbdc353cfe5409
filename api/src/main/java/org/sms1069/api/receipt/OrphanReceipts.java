package org.sms1069.api.receipt;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.messaging.NotDueException;
import org.sms1069.messaging.Publisher;
import org.sms1069.messaging.Received;
import org.sms1069.messaging.ReliableConsumer;
import org.sms1069.model.Carrier;
import org.sms1069.model.Topics;
import org.sms1069.model.event.OrphanReceipt;
import org.sms1069.model.event.StatusEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.sms1069.api.config.ApiProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

/**
 * Consumes {@code sms.receipt.orphan}: a receipt the gateway matched to no submit is looked up in the status store
 * once its grace period has passed, by the carrier's id (and the phone, where the receipt names one), among the
 * submitted parts that have no final status yet. Each part found gets the receipt's status on {@code sms.status},
 * as the gateway would have published it; a part the gateway settled in the meantime is not found, and an event
 * published twice is stored once. This is what keeps a receipt whose match Redis lost (a crash takes the last
 * writes with it) from being lost too.
 */
@Component
public class OrphanReceipts implements ReliableConsumer.Handler<OrphanReceipt> {
    private static final Logger log = LoggerFactory.getLogger(OrphanReceipts.class);
    private static final String UNSETTLED_PARTS = """
            SELECT e.message_id, e.segment, e.carrier, e.link_id, e.carrier_msg_id, m.phone, m.segments
            FROM message_events e JOIN messages m ON m.id = e.message_id
            WHERE e.status = 'SUBMITTED' AND e.carrier_msg_id IS NOT NULL
              AND upper(ltrim(e.carrier_msg_id, '0')) = ANY(CAST(:ids AS varchar[]))
              AND (:phone = '' OR right(m.phone, 11) = :phone)
              AND NOT EXISTS (SELECT 1 FROM message_events f
                              WHERE f.message_id = e.message_id AND f.segment = e.segment
                                AND f.carrier_msg_id = e.carrier_msg_id AND f.status IN ('DELIVERED', 'UNDELIVERED', 'EXPIRED'))""";

    private final DatabaseClient db;
    private final Publisher publisher;
    private final Duration grace;
    private final MeterRegistry meters;
    private final Clock clock;

    public OrphanReceipts(DatabaseClient db, Publisher publisher, ApiProperties properties, MeterRegistry meters, Clock clock) {
        this.db = db;
        this.publisher = publisher;
        this.grace = properties.receipts().orphanGrace();
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public CompletionStage<?> handle(Received<OrphanReceipt> record) {
        OrphanReceipt receipt = record.value();
        Instant due = receipt.receivedAt().plus(grace);
        if (due.isAfter(clock.instant())) {
            throw new NotDueException(due);
        }
        return unsettledParts(receipt)
                .concatMap(part -> Mono.fromFuture(() -> publisher.publish(Topics.STATUS, part.messageId(), part)))
                .count()
                .doOnNext(found -> outcome(receipt, found))
                .toFuture();
    }

    private Flux<StatusEvent> unsettledParts(OrphanReceipt receipt) {
        return db.sql(UNSETTLED_PARTS)
                .bind("ids", receipt.carrierIds().toArray(String[]::new))
                .bind("phone", receipt.phone() == null ? "" : receipt.phone())
                .map(row -> new StatusEvent(StatusEvent.VERSION, row.get("message_id", String.class),
                        row.get("phone", String.class), row.get("segment", Integer.class), row.get("segments", Integer.class),
                        receipt.status(), carrier(row.get("carrier", String.class)), row.get("link_id", String.class),
                        row.get("carrier_msg_id", String.class), receipt.rawStat(), receipt.error(), clock.instant()))
                .all();
    }

    private void outcome(OrphanReceipt receipt, long found) {
        meters.counter("sms_receipts_orphans_total", "outcome", found > 0 ? "matched" : "settled_or_unknown").increment();
        if (found > 0) {
            log.warn("receipt {} of link {} matched {} part(s) in the status store: the gateway had lost their match",
                    receipt.carrierIds().isEmpty() ? "" : receipt.carrierIds().get(0), receipt.linkId(), found);
        }
    }

    private static Carrier carrier(String name) {
        return name == null ? null : Carrier.valueOf(name);
    }
}
