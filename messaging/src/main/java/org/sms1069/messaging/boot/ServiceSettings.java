package org.sms1069.messaging.boot;

import org.sms1069.messaging.KafkaSettings;

/**
 * What {@link HealthBeans} reads from a service's settings ({@code sms.kafka}, {@code sms.redis}): each service's
 * properties record implements it, its {@code Redis} record {@link Redis}.
 */
public interface ServiceSettings {

    KafkaSettings kafka();

    Redis redis();

    /** The {@code sms.redis} settings as far as they are shared. */
    interface Redis {
        String uri();
    }
}
