package org.sms1069.e2e;

import org.junit.jupiter.api.Test;
import org.sms1069.carriersim.sgip.SgipSimulator;
import org.sms1069.carriersim.sgip.SgipSimulatorConfig;
import org.sms1069.testkit.TestInfra;

/** An SGIP link with a wrong password (BIND_RESP result 1) stays down and retries. */
class SgipLoginFailureTest {

    @Test
    void wrongPasswordReportsTheLinkDownAndRetries() throws Exception {
        int listenPort = TestInfra.freePort();
        try (SgipSimulator sgip = SgipSimulator.start(SgipSimulatorConfig.defaults(listenPort))) {
            LoginFailures.assertDownAndRetrying(sgip, SgipEndToEndTest.link(sgip, listenPort, "not-the-password"));
        }
    }
}
