package org.sms1069.gateway;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Holds the carrier connections: submits, receipts and MO. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {
    /** Each service reads its own {@code gateway.yml}, so that all services can share one classpath in tests. */
    public static final String CONFIG_NAME = "spring.config.name=gateway";

    public static void main(String[] args) {
        new SpringApplicationBuilder(GatewayApplication.class).properties(CONFIG_NAME).run(args);
    }
}
