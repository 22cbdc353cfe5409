package org.sms1069.carriersim;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The carrier simulator service: SMPP 3.4 SMSC plus a small control API and metrics. */
@SpringBootApplication
public class CarrierSimApplication {
    /** Several services share one classpath in end-to-end tests, so each reads its own config file. */
    public static final String CONFIG_NAME = "carrier-sim";

    public static void main(String[] args) {
        application().run(args);
    }

    /** The application as main starts it; end-to-end tests add their properties and run it. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(CarrierSimApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }
}
