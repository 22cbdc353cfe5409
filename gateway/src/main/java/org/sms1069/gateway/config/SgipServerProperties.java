package org.sms1069.gateway.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * {@code sms.sgip-server.*}: who may reach the SP-side SGIP server (the port the Unicom gateway connects to for MO
 * and reports), and how hard it is to guess its login.
 *
 * @param bindAddress     the local address listened on (default every interface; in production the address facing
 *                        the carrier's network)
 * @param allowedNetworks source addresses or CIDR networks that may connect; empty (default) means each link's own
 *                        {@code host} (the carrier gateway it connects to), resolved when the server starts
 * @param maxConnections  connections one link's server holds at once; more are closed at once
 * @param bindTimeout     a connection that has not bound within this time is closed
 * @param lockoutInitial  after a refused BIND its source address is refused for this long, doubled after each further
 *                        refused BIND (a successful BIND resets it)
 * @param lockoutMax      the longest lockout
 */
@Validated
@ConfigurationProperties("sms.sgip-server")
public record SgipServerProperties(
        @DefaultValue("0.0.0.0") String bindAddress,
        @DefaultValue List<String> allowedNetworks,
        @DefaultValue("4") @Min(1) @Max(1000) int maxConnections,
        @DefaultValue("10s") Duration bindTimeout,
        @DefaultValue("1s") Duration lockoutInitial,
        @DefaultValue("15m") Duration lockoutMax) {

    public SgipServerProperties {
        allowedNetworks = allowedNetworks == null ? List.of() : List.copyOf(allowedNetworks);
        if (bindTimeout == null || bindTimeout.isNegative() || bindTimeout.isZero()
                || lockoutInitial == null || lockoutInitial.isNegative() || lockoutMax == null || lockoutMax.compareTo(lockoutInitial) < 0) {
            throw new IllegalArgumentException("sms.sgip-server: bind-timeout must be positive, lockout-initial not negative "
                    + "and at most lockout-max");
        }
    }

    /** The defaults, for code that runs without Spring (tests, tools). */
    public static SgipServerProperties defaults() {
        return new SgipServerProperties("0.0.0.0", List.of(), 4, Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofMinutes(15));
    }
}
