package org.sms1069.wire.codec;

import java.util.HashMap;
import java.util.Map;

/**
 * The result codes of one protocol. Codes not in the table get the table's fallback outcome, described
 * with the fallback text.
 */
public final class ResultCodeTable {

    private final Map<Long, ResultCode> codes;
    private final SubmitOutcome fallbackOutcome;
    private final String fallbackDescription;

    private ResultCodeTable(Map<Long, ResultCode> codes, SubmitOutcome fallbackOutcome, String fallbackDescription) {
        this.codes = Map.copyOf(codes);
        this.fallbackOutcome = fallbackOutcome;
        this.fallbackDescription = fallbackDescription;
    }

    public static Builder builder() {
        return new Builder();
    }

    public ResultCode lookup(long code) {
        ResultCode known = codes.get(code);
        return known != null ? known : new ResultCode(code, fallbackOutcome, fallbackDescription + " (" + code + ")");
    }

    public SubmitOutcome outcome(long code) {
        return lookup(code).outcome();
    }

    public String describe(long code) {
        return lookup(code).description();
    }

    public static final class Builder {
        private final Map<Long, ResultCode> codes = new HashMap<>();

        private Builder() {
        }

        public Builder success(long code, String description) {
            return add(code, SubmitOutcome.SUCCESS, description);
        }

        public Builder retryable(long code, String description) {
            return add(code, SubmitOutcome.RETRYABLE, description);
        }

        public Builder throttled(long code, String description) {
            return add(code, SubmitOutcome.THROTTLED, description);
        }

        public Builder permanent(long code, String description) {
            return add(code, SubmitOutcome.PERMANENT, description);
        }

        private Builder add(long code, SubmitOutcome outcome, String description) {
            if (codes.putIfAbsent(code, new ResultCode(code, outcome, description)) != null) {
                throw new IllegalArgumentException("duplicate result code " + code);
            }
            return this;
        }

        public ResultCodeTable otherwise(SubmitOutcome outcome, String description) {
            return new ResultCodeTable(codes, outcome, description);
        }
    }
}
