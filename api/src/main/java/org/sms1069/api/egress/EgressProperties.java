package org.sms1069.api.egress;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * Which callback targets are allowed besides public {@code https} URLs (local development only).
 *
 * @param allowHttp       {@code sms.callbacks.allow-http}: callback URLs may be {@code http}
 * @param allowedNetworks {@code sms.callbacks.allowed-networks}: internal networks a callback may reach anyway,
 *                        e.g. {@code 127.0.0.0/8, ::1/128} for a receiver on the same machine
 */
@ConfigurationProperties("sms.callbacks")
public record EgressProperties(@DefaultValue("false") boolean allowHttp, @DefaultValue List<String> allowedNetworks) {
}
