package org.sms1069.router;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Kafka stage between api and gateway: resolves the carrier, picks a link, splits and forwards. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RouterApplication {
    /** Each service reads its own {@code router.yml}, so that all services can share one classpath in tests. */
    public static final String CONFIG_NAME = "spring.config.name=router";

    public static void main(String[] args) {
        new SpringApplicationBuilder(RouterApplication.class).properties(CONFIG_NAME).run(args);
    }
}
