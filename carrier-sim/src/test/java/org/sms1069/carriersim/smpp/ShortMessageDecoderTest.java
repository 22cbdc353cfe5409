package org.sms1069.carriersim.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ShortMessageDecoderTest {

    @Test
    void ucs2WithoutHeader() {
        ShortMessage message = ShortMessageDecoder.decode("验证码1234".getBytes(StandardCharsets.UTF_16BE), 0x00, 0x08);

        assertThat(message).isEqualTo(new ShortMessage("验证码1234", null));
    }

    @Test
    void sixByteHeaderWithEightBitReference() {
        byte[] payload = SmppTestClient.withUdh(0x7F, 3, 2, "第二段".getBytes(StandardCharsets.UTF_16BE));

        ShortMessage message = ShortMessageDecoder.decode(payload, 0x40, 0x08);

        assertThat(message).isEqualTo(new ShortMessage("第二段", new Concatenation(0x7F, 3, 2)));
    }

    @Test
    void sevenByteHeaderWithSixteenBitReference() {
        byte[] payload = {0x06, 0x08, 0x04, 0x12, 0x34, 0x02, 0x01, 'h', 'i'};

        ShortMessage message = ShortMessageDecoder.decode(payload, 0x40, 0x00);

        assertThat(message).isEqualTo(new ShortMessage("hi", new Concatenation(0x1234, 2, 1)));
    }

    @Test
    void headerWithoutConcatenationIsSkipped() {
        byte[] payload = {0x04, 0x05, 0x02, 0x00, 0x00, 'o', 'k'};

        assertThat(ShortMessageDecoder.decode(payload, 0x40, 0x00)).isEqualTo(new ShortMessage("ok", null));
    }

    @Test
    void truncatedHeaderDoesNotThrow() {
        byte[] payload = {0x05, 0x00, 0x03};

        assertThat(ShortMessageDecoder.decode(payload, 0x40, 0x08)).isEqualTo(new ShortMessage("", null));
    }

    @Test
    void latinAndGbk() {
        assertThat(ShortMessageDecoder.decode("abc".getBytes(StandardCharsets.US_ASCII), 0x00, 0x00).text()).isEqualTo("abc");
        assertThat(ShortMessageDecoder.decode("退订".getBytes(java.nio.charset.Charset.forName("GBK")), 0x00, 0x0F).text())
                .isEqualTo("退订");
    }
}
