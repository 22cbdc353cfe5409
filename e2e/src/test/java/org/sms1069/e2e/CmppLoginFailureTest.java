package org.sms1069.e2e;

import org.junit.jupiter.api.Test;
import org.sms1069.carriersim.cmpp.CmppSimulator;
import org.sms1069.carriersim.cmpp.CmppSimulatorConfig;

/** A CMPP link with a wrong password (CONNECT_RESP status 3) stays down and retries. */
class CmppLoginFailureTest {

    @Test
    void wrongPasswordReportsTheLinkDownAndRetries() throws Exception {
        try (CmppSimulator cmpp = CmppSimulator.start(CmppSimulatorConfig.defaults())) {
            LoginFailures.assertDownAndRetrying(cmpp, new Platform.Link("CMCC", "CMPP30", cmpp.port(),
                    cmpp.config().account(), "not-the-password"));
        }
    }
}
