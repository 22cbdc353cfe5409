package org.sms1069.wire.codec;

/** One result/status code of a protocol, classified and described for logs and status events. */
public record ResultCode(long code, SubmitOutcome outcome, String description) {

    public boolean isSuccess() {
        return outcome == SubmitOutcome.SUCCESS;
    }

    public boolean isRetryable() {
        return outcome == SubmitOutcome.RETRYABLE || outcome == SubmitOutcome.THROTTLED;
    }

    public boolean isFlowControl() {
        return outcome == SubmitOutcome.THROTTLED;
    }
}
