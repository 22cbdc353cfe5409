package org.sms1069.model;

/** Kafka topic names: the contract between the services. */
public final class Topics {
    public static final String SUBMIT = "sms.submit";
    public static final String OUT_PREFIX = "sms.out.";
    public static final String RETRY = "sms.retry";
    /** Parts of scheduled sends, held by the router until their send time. */
    public static final String SCHEDULED = "sms.scheduled";
    public static final String STATUS = "sms.status";
    public static final String MO = "sms.mo";
    public static final String BLOCKED = "sms.blocked";
    public static final String LINK_HEALTH = "sms.link-health";
    public static final String DEAD = "sms.dead";

    private Topics() {
    }

    /** The topic a link's gateway consumes. */
    public static String outbound(String linkId) {
        return OUT_PREFIX + linkId;
    }
}
