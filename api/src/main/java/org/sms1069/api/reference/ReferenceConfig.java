package org.sms1069.api.reference;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import org.sms1069.api.config.ApiProperties;
import org.springframework.boot.autoconfigure.r2dbc.R2dbcProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ReferenceConfig {

    @Bean
    ReferenceCache referenceCache(ApiProperties properties) {
        return new ReferenceCache(properties.reference().staleAfter(), properties.reference().maxAge());
    }

    /** A connection of its own, outside the pool: it stays LISTENing for the life of the instance. */
    @Bean
    ReferenceChanges referenceChanges(R2dbcProperties r2dbc, ReferenceCache cache, ApiProperties properties) {
        ConnectionFactoryOptions.Builder options = ConnectionFactoryOptions.parse(r2dbc.getUrl()).mutate()
                .option(Option.valueOf("applicationName"), "sms-api-reference-changes");
        if (r2dbc.getUsername() != null) {
            options.option(ConnectionFactoryOptions.USER, r2dbc.getUsername());
        }
        if (r2dbc.getPassword() != null) {
            options.option(ConnectionFactoryOptions.PASSWORD, r2dbc.getPassword());
        }
        return new ReferenceChanges(ConnectionFactories.get(options.build()), cache, properties.reference().heartbeat());
    }
}
