package org.sms1069.api;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The REST API apps integrate with: sends, status, admin. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ApiApplication {
    /** Each service reads its own {@code api.yml}, so that all services can share one classpath in tests. */
    public static final String CONFIG_NAME = "spring.config.name=api";

    public static void main(String[] args) {
        new SpringApplicationBuilder(ApiApplication.class).properties(CONFIG_NAME).run(args);
    }
}
