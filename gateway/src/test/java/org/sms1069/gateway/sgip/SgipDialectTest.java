package org.sms1069.gateway.sgip;

import org.sms1069.wire.sgip.SgipEncoder;
import org.sms1069.wire.sgip.SgipSequence;
import org.sms1069.wire.sgip.SgipSubmit;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.sms1069.model.Carrier;
import org.sms1069.model.Protocol;
import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.model.event.Recipient;
import org.sms1069.model.link.LinkOptions;
import org.sms1069.model.link.LinkSettings;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the SGIP dialect puts on the wire from the link's settings. */
class SgipDialectTest {
    /** Header 20, SPNumber 21, ChargeNumber 21, UserCount 1, one UserNumber 21: CorpId follows. */
    private static final int CORP_ID_OFFSET = 84;
    private static final OutboundSubmit PART = new OutboundSubmit(1, "k", "cucc-1", Carrier.CUCC,
            List.of(new Recipient("m1", "13012345678")), "10690123456", 1, 1, 7, "联通", 0, null, null);

    private static byte[] submitBytes(LinkOptions options) {
        SgipDialect dialect = new SgipDialect(new LinkSettings("cucc-1", Carrier.CUCC, Protocol.SGIP12, "127.0.0.1", 8801,
                "sp-login", "sp-secret", "MXX0010101", "10690123456", 1, 16, 100, 100, 3_0270_12345L, 8802, null, null,
                options));
        SgipSubmit submit = (SgipSubmit) dialect.submitRequest(new SgipSequence(3_0270_12345L, 1206120000L, 1), PART);
        ByteBuf out = Unpooled.buffer();
        new SgipEncoder().encodeTo(submit, out);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes).release();
        return bytes;
    }

    private static String corpIdOn(byte[] bytes) {
        return new String(bytes, CORP_ID_OFFSET, 5, StandardCharsets.US_ASCII);
    }

    @Test
    void corpIdIsTheLinksSettingNotDerivedFromTheNodeId() {
        byte[] bytes = submitBytes(new LinkOptions(0, null, "00777", null, null));

        assertThat(new String(bytes, CORP_ID_OFFSET - 21, 13, StandardCharsets.US_ASCII)).isEqualTo("8613012345678");
        assertThat(corpIdOn(bytes)).isEqualTo("00777");
    }

    @Test
    void withoutTheSettingTheNodeIdsLastFiveDigitsStand() {
        assertThat(corpIdOn(submitBytes(null))).isEqualTo("12345");
    }
}
