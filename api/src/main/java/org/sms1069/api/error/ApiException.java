package org.sms1069.api.error;

import java.util.Map;

/** A request the API refuses, with the code and the precise reason the client gets. */
public class ApiException extends RuntimeException {
    private final ErrorCode code;
    private final transient Map<String, Object> properties;

    public ApiException(ErrorCode code, String detail) {
        this(code, detail, Map.of());
    }

    public ApiException(ErrorCode code, String detail, Map<String, Object> properties) {
        super(detail, null, false, false);
        this.code = code;
        this.properties = Map.copyOf(properties);
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
