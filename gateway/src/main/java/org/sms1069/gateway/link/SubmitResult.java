package org.sms1069.gateway.link;

import java.util.List;

/** The carrier's answer to a submit, in protocol-independent terms. */
public sealed interface SubmitResult {

    /**
     * The carrier took the part; one carrier message id per recipient, in recipient order.
     *
     * @param byPhone the protocol's receipts always name the recipient (CMPP), so each recipient is matched by id
     *                and phone together: a gateway that reports one id for a whole group never crosses receipts
     */
    record Accepted(List<String> carrierMessageIds, boolean byPhone) implements SubmitResult {
        public Accepted {
            carrierMessageIds = List.copyOf(carrierMessageIds);
        }

        public Accepted(List<String> carrierMessageIds) {
            this(carrierMessageIds, false);
        }
    }

    /**
     * The carrier refused the part, or no answer came.
     *
     * @param retryable   flow control, timeouts and a link that is down are worth another attempt
     * @param rawResult   the protocol's own result code, e.g. "ESME_RTHROTTLED(0x58)", "TIMEOUT", "LINK_DOWN"
     * @param flowControl the carrier asks us to slow down (CMPP 8, SGIP 88, SMGP 1/75, ESME_RTHROTTLED)
     */
    record Rejected(boolean retryable, String rawResult, String detail, boolean flowControl) implements SubmitResult {
        public Rejected(boolean retryable, String rawResult, String detail) {
            this(retryable, rawResult, detail, false);
        }

        public static Rejected linkDown(String linkId) {
            return new Rejected(true, "LINK_DOWN", "no connection of link " + linkId + " is logged in");
        }
    }
}
