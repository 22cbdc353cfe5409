package org.sms1069.carriersim.cmpp;

/**
 * Ways real ISMGs differ from the specification's happy path, each off by default ({@code sim.cmpp.quirks.*}, or
 * {@link CmppSimulator#quirks(CmppQuirks)} at run time). Intermediate reports are a switch of every simulator
 * ({@code sim.intermediate-states}, {@link org.sms1069.carriersim.netty.NettySimulator#intermediateStates(boolean)}).
 *
 * @param strictDestUsr              refuse a SUBMIT of 100 or more recipients (DestUsr_tl is "fewer than 100") with
 *                                   Result 1, as a strict ISMG does
 * @param oneIdForGroup              report every recipient of a group submit under the one Msg_Id of the SUBMIT_RESP
 *                                   instead of X + i
 * @param refuseWithoutAuthenticator answer a refused CONNECT with Status and Version only, without the 16-byte
 *                                   AuthenticatorISMG
 */
public record CmppQuirks(boolean strictDestUsr, boolean oneIdForGroup, boolean refuseWithoutAuthenticator) {

    public static final CmppQuirks NONE = new CmppQuirks(false, false, false);

    /** The largest DestUsr_tl a strict ISMG accepts. */
    static final int STRICT_MAX_RECIPIENTS = 99;
}
