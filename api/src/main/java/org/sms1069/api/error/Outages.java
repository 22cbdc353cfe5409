package org.sms1069.api.error;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

import java.net.ConnectException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Tells a dependency outage (Redis or PostgreSQL unreachable, not answering in time, connection lost)
 * from a bug: an outage is {@code 503 UNAVAILABLE} with {@code Retry-After}, so the client retries
 * later; a Redis script error or a failed SQL statement stays a 500.
 */
final class Outages {
    static final long RETRY_AFTER_SECONDS = 5;

    private Outages() {
    }

    static boolean isOutage(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if ((t instanceof RedisException && !(t instanceof RedisCommandExecutionException))
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessException
                    || t instanceof R2dbcNonTransientResourceException
                    || t instanceof R2dbcTransientException
                    || t instanceof ConnectException
                    || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    static ApiException unavailable() {
        return new ApiException(ErrorCode.UNAVAILABLE, "a service the api depends on is unavailable; retry later",
                Map.of("retryAfterSeconds", RETRY_AFTER_SECONDS));
    }
}
