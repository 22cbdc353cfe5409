package org.sms1069.e2e;

import org.junit.jupiter.api.Test;
import org.sms1069.carriersim.smgp.SmgpSimulator;
import org.sms1069.carriersim.smgp.SmgpSimulatorConfig;

/** An SMGP link with a wrong secret (Login_Resp status 21) stays down and retries. */
class SmgpLoginFailureTest {

    @Test
    void wrongPasswordReportsTheLinkDownAndRetries() throws Exception {
        try (SmgpSimulator smgp = SmgpSimulator.start(SmgpSimulatorConfig.defaults())) {
            LoginFailures.assertDownAndRetrying(smgp, new Platform.Link("CTCC", "SMGP30", smgp.port(),
                    smgp.config().account(), "not-the-password"));
        }
    }
}
