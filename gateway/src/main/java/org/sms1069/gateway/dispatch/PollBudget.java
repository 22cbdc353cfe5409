package org.sms1069.gateway.dispatch;

import org.sms1069.gateway.config.GatewayProperties;
import org.sms1069.gateway.config.SessionProperties;
import org.sms1069.model.Protocol;
import org.sms1069.model.link.LinkSettings;

import java.time.Duration;

/**
 * The limits of one link's consumer: {@code max.poll.records} and {@code max.poll.interval.ms}. The consumer
 * hands a whole poll to the link and polls again once every submit of it has its outcome; if that took longer
 * than the interval, Kafka would take the partitions away mid-work and another instance would start over.
 * So the interval is what the slowest poll may take: {@value #ROUNDS} window-fulls on every connection, each
 * waiting the full answer deadline (every resend unanswered), plus the TPS pacing of the whole poll and the
 * time to write the outcomes to Kafka and Redis. The pacing is that of an instance holding a single connection slot
 * of the link, which gets that share of the link's rate (gateway instances share a link, {@code LinkSlots}).
 */
public record PollBudget(int maxPollRecords, Duration maxPollInterval) {
    /** Window-fulls per poll: the next one is waiting while the first is answered. */
    static final int ROUNDS = 2;
    /** Writing statuses and retries (the producer's delivery timeout is 30 s) and marking claims in Redis. */
    static final Duration WRITE_MARGIN = Duration.ofSeconds(60);
    /** Beyond it a stuck consumer would go unnoticed too long: the settings are wrong rather than the budget. */
    static final Duration LIMIT = Duration.ofMinutes(30);

    public static PollBudget of(LinkSettings link, GatewayProperties gateway, SessionProperties session) {
        int records = link.window() * link.connections() * ROUNDS;
        Duration pacing = Duration.ofMillis((long) Math.ceil(records * 1000.0 * link.connections() / link.tps()));
        Duration interval = answerDeadline(link, gateway, session).multipliedBy(ROUNDS).plus(pacing).plus(WRITE_MARGIN);
        if (interval.compareTo(LIMIT) > 0) {
            throw new IllegalStateException("sms.links[" + link.id() + "]: a poll of " + records + " submits may take "
                    + interval + " (window " + link.window() + " x connections " + link.connections() + " x " + ROUNDS
                    + ", each waiting up to " + answerDeadline(link, gateway, session) + "), more than " + LIMIT
                    + ": lower the window, the connections, sms.session.response-timeout or sms.session.max-resends");
        }
        return new PollBudget(records, interval);
    }

    /** How long one submit may wait for its answer: SMPP has one try; SGIP may have to BIND again first. */
    static Duration answerDeadline(LinkSettings link, GatewayProperties gateway, SessionProperties session) {
        if (link.protocol() == Protocol.SMPP34) {
            return gateway.responseTimeout();
        }
        Duration deadline = session.answerDeadline();
        return link.protocol() == Protocol.SGIP12 ? deadline.plus(session.connectTimeout()).plus(session.loginTimeout()) : deadline;
    }
}
