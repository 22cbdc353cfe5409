package org.sms1069.gateway.session;

/**
 * Why a request got no usable answer: the link went down, the answer did not come in time, or the request
 * could not even be written. Completes the request's future exceptionally; never thrown at callers.
 *
 * @param rawResult "LINK_DOWN", "TIMEOUT", "ENCODE_ERROR", ... as kept in status events
 */
public final class LinkFailure extends RuntimeException {
    private final String rawResult;
    private final boolean retryable;

    public LinkFailure(String rawResult, boolean retryable, String detail) {
        super(detail, null, false, false);
        this.rawResult = rawResult;
        this.retryable = retryable;
    }

    public static LinkFailure linkDown(String detail) {
        return new LinkFailure("LINK_DOWN", true, detail);
    }

    public static LinkFailure timeout(String detail) {
        return new LinkFailure("TIMEOUT", true, detail);
    }

    public String rawResult() {
        return rawResult;
    }

    public boolean retryable() {
        return retryable;
    }
}
