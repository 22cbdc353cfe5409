package org.sms1069.e2e;

/** China Mobile over CMPP 2.0 (older ISMGs): the same journeys as 3.0, on the 2.0 wire format. */
class Cmpp20EndToEndTest extends CmppEndToEndTest {

    @Override
    protected String protocol() {
        return "CMPP20";
    }

    /** 2.0's last field is Reserve: an MO brings no LinkID, and the answer sends none. */
    @Override
    protected boolean carriesLinkId() {
        return false;
    }

    @Override
    protected String phone(String suffix) {
        return "139001392" + suffix;
    }
}
