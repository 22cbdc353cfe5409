package org.sms1069.carriersim;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/** The carrier-sim application with its HTTP server and every simulator on a free port, receipts after 50 ms. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=" + CarrierSimApplication.CONFIG_NAME,
        "server.port=0",
        "sim.smpp.port=0",
        "sim.cmpp.port=0",
        "sim.smgp.port=0",
        "sim.sgip.port=0",
        "sim.receipt-delay=50ms"})
@interface CarrierSimOnFreePorts {
}
