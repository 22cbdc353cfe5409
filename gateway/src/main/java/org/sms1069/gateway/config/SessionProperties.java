package org.sms1069.gateway.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code sms.session.*}: timeouts and limits of the Netty links (CMPP, SGIP, SMGP). Defaults follow the specs
 * (T = 60 s, N = 3) except the keepalive interval, which follows common practice (30 s instead of 3 min)
 * because NAT boxes and carrier firewalls drop quiet TCP connections sooner than the spec assumed.
 *
 * @param connectTimeout   TCP connect
 * @param loginTimeout     wait for CONNECT_RESP / BIND_RESP / LOGIN_RESP
 * @param responseTimeout  T: wait for the answer to a request before it is resent
 * @param maxResends       N: resends of an unanswered request before it fails as TIMEOUT
 * @param keepaliveIdle    CMPP/SMGP: ACTIVE_TEST after this long without traffic; SGIP: close after it
 * @param keepaliveMisses  unanswered ACTIVE_TESTs in a row after which the connection is dropped
 * @param drainTimeout     on shutdown, wait this long for answers in flight before logging out
 * @param logoutTimeout    wait for TERMINATE_RESP / UNBIND_RESP / EXIT_RESP before closing anyway
 * @param maxFrameLength   largest PDU accepted; a longer length field means the stream is corrupt
 */
@Validated
@ConfigurationProperties("sms.session")
public record SessionProperties(
        @NotNull @DefaultValue("10s") Duration connectTimeout,
        @NotNull @DefaultValue("10s") Duration loginTimeout,
        @NotNull @DefaultValue("60s") Duration responseTimeout,
        @Min(0) @Max(10) @DefaultValue("3") int maxResends,
        @NotNull @DefaultValue("30s") Duration keepaliveIdle,
        @Min(1) @Max(10) @DefaultValue("3") int keepaliveMisses,
        @NotNull @DefaultValue("30s") Duration drainTimeout,
        @NotNull @DefaultValue("5s") Duration logoutTimeout,
        @Min(256) @Max(65_536) @DefaultValue("8192") int maxFrameLength) {

    public SessionProperties {
        requirePositive(connectTimeout, "connect-timeout");
        requirePositive(loginTimeout, "login-timeout");
        requirePositive(responseTimeout, "response-timeout");
        requirePositive(keepaliveIdle, "keepalive-idle");
        requirePositive(drainTimeout, "drain-timeout");
        requirePositive(logoutTimeout, "logout-timeout");
    }

    /** The defaults, for code that runs without Spring (tests, tools). */
    public static SessionProperties defaults() {
        return new SessionProperties(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(60), 3,
                Duration.ofSeconds(30), 3, Duration.ofSeconds(30), Duration.ofSeconds(5), 8192);
    }

    /** How long a request may stay unanswered in total, resends included. */
    public Duration answerDeadline() {
        return responseTimeout.multipliedBy(maxResends + 1L);
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("sms.session." + name + " must be positive, was " + value);
        }
    }
}
