package org.sms1069.model.link;

import org.sms1069.model.Protocol;

import java.util.Set;
import java.util.TreeSet;

/**
 * {@code sms.links[].options}: what one carrier's implementation of a protocol needs beyond the spec's defaults.
 * Every field may be left out; {@link #resolve} fills in the protocol's default and checks the value against the
 * protocol's limits, so a bad setting stops the start.
 *
 * @param maxRecipients recipients per submit: CMPP 1-99 (DestUsr_tl is "fewer than 100"), SGIP and SMGP 1-100,
 *                      SMPP 1; the router never batches more than this for the link
 * @param groupIds      CMPP: how the gateway numbers the recipients of a group submit (default SEQUENTIAL, as the
 *                      spec says)
 * @param corpId        SGIP: the enterprise code (CorpId, 5 digits) the carrier assigned; by default the last 5
 *                      digits of the node id (3AAAAQQQQQ), which is only a convention
 * @param sourceTon     SMPP: source_addr_ton of submits (default 0 unknown; 5 for an alphanumeric sender)
 * @param sourceNpi     SMPP: source_addr_npi of submits (default 0 unknown)
 */
public record LinkOptions(int maxRecipients, GroupIds groupIds, String corpId, Integer sourceTon, Integer sourceNpi) {

    public static final int CMPP_MAX_RECIPIENTS = 99;
    public static final int MAX_RECIPIENTS = 100;
    /** SMPP 3.4 §5.2.6: unknown, ISDN, data, telex, land mobile, national, private, ERMES, internet, WAP. */
    private static final Set<Integer> SMPP_NPIS = new TreeSet<>(Set.of(0, 1, 3, 4, 6, 8, 9, 10, 14, 18));

    /** Nothing configured: every field takes the protocol's default. */
    public static final LinkOptions NONE = new LinkOptions(0, null, null, null, null);

    /** The options with the protocol's defaults filled in, or an error naming the link and the setting. */
    public LinkOptions resolve(String linkId, Protocol protocol, long nodeId) {
        int limit = recipientLimit(protocol);
        int recipients = maxRecipients > 0 ? maxRecipients : limit;
        require(recipients <= limit, linkId, "options.max-recipients is at most " + limit + " for " + protocol
                + ", was " + maxRecipients);
        String corp = corpId != null ? corpId.strip() : String.format("%05d", nodeId % 100_000);
        require(corp.matches("\\d{1,5}"), linkId, "options.corp-id must be 1-5 digits (0-99999), was " + corpId);
        int ton = sourceTon != null ? sourceTon : 0;
        int npi = sourceNpi != null ? sourceNpi : 0;
        require(ton >= 0 && ton <= 6, linkId, "options.source-ton must be 0-6, was " + sourceTon);
        require(SMPP_NPIS.contains(npi), linkId, "options.source-npi must be one of " + SMPP_NPIS + ", was " + sourceNpi);
        return new LinkOptions(recipients, groupIds != null ? groupIds : GroupIds.SEQUENTIAL, corp, ton, npi);
    }

    /** The most recipients one submit of the protocol may carry. */
    public static int recipientLimit(Protocol protocol) {
        return switch (protocol) {
            case CMPP20, CMPP30 -> CMPP_MAX_RECIPIENTS;
            case SGIP12, SMGP30 -> MAX_RECIPIENTS;
            case SMPP34 -> 1;
        };
    }

    private static void require(boolean condition, String id, String message) {
        if (!condition) {
            throw new IllegalArgumentException("sms.links[" + id + "]: " + message);
        }
    }
}
