package org.sms1069.gateway.smpp;

import org.jsmpp.bean.DeliverSm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The repeat key of an SMPP MO. deliver_sm carries no message id, and an SMSC that resends it (our answer was lost
 * or a temporary error) sends a new sequence number: what stays the same is who sent what to whom, so the key is a
 * digest of sender, destination, esm_class, data_coding and the message bytes (UDH included, so two long messages
 * never share it). The link's repeat filter keeps keys for minutes only: the same text from the same phone an hour
 * later is a new message, but a second identical one within those minutes is taken for a resend.
 */
final class SmppMoKey {
    private static final int HEX_DIGITS = 32;

    private SmppMoKey() {
    }

    static String of(DeliverSm deliverSm, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(field(deliverSm.getSourceAddr()));
            sha.update(field(deliverSm.getDestAddress()));
            sha.update(new byte[] {deliverSm.getEsmClass(), deliverSm.getDataCoding()});
            sha.update(body);
            return "smpp-mo:" + HexFormat.of().formatHex(sha.digest()).substring(0, HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] field(String value) {
        return ((value == null ? "" : value) + "\u0000").getBytes(StandardCharsets.ISO_8859_1);
    }
}
