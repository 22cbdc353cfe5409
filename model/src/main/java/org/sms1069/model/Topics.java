package org.sms1069.model;

import org.sms1069.model.event.AcceptedMessage;
import org.sms1069.model.event.BlockedMessage;
import org.sms1069.model.event.DeadLetter;
import org.sms1069.model.event.LinkHealth;
import org.sms1069.model.event.MoMessage;
import org.sms1069.model.event.OrphanReceipt;
import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.model.event.StatusEvent;

/** The Kafka topics and their record types: the contract between the services. */
public final class Topics {
    public static final Topic<AcceptedMessage> SUBMIT = Topic.of("sms.submit", AcceptedMessage.class);
    public static final String OUT_PREFIX = "sms.out.";
    public static final Topic<OutboundSubmit> RETRY = Topic.of("sms.retry", OutboundSubmit.class);
    /** Parts of scheduled sends, held by the router until their send time. */
    public static final Topic<OutboundSubmit> SCHEDULED = Topic.of("sms.scheduled", OutboundSubmit.class);
    /** Kind: the event's status, so that a consumer acting on one status passes over the others unread. */
    public static final Topic<StatusEvent> STATUS = Topic.of("sms.status", StatusEvent.class)
            .withKind(event -> event.status() == null ? null : event.status().name());
    /** Receipts the gateway matched to no submit, for the api to look up in the status store. */
    public static final Topic<OrphanReceipt> ORPHAN_RECEIPTS = Topic.of("sms.receipt.orphan", OrphanReceipt.class);
    public static final Topic<MoMessage> MO = Topic.of("sms.mo", MoMessage.class);
    public static final Topic<BlockedMessage> BLOCKED = Topic.of("sms.blocked", BlockedMessage.class);
    public static final Topic<LinkHealth> LINK_HEALTH = Topic.of("sms.link-health", LinkHealth.class);
    public static final Topic<DeadLetter> DEAD = Topic.of("sms.dead", DeadLetter.class);

    private Topics() {
    }

    /** The topic a link's gateway consumes. */
    public static Topic<OutboundSubmit> outbound(String linkId) {
        return Topic.of(OUT_PREFIX + linkId, OutboundSubmit.class);
    }
}
