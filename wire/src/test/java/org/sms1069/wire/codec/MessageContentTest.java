package org.sms1069.wire.codec;

import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageContentTest {

    @Test
    void decodesTheTextFormats() {
        assertThat(MessageContent.ofText(MessageFormat.ASCII, "Hello").text()).isEqualTo("Hello");
        assertThat(MessageContent.ofText(MessageFormat.UCS2, "验证码😀").text()).isEqualTo("验证码😀");
        assertThat(MessageContent.ofText(MessageFormat.GB, "验证码").text()).isEqualTo("验证码");
    }

    @Test
    void isLiberalInWhatItReads() {
        byte[] gbk = "退订".getBytes(Charset.forName("GBK"));
        assertThat(new MessageContent(MessageFormat.ASCII, false, Octets.of(gbk)).text())
                .as("GBK sent as format 0").isEqualTo("退订");
        byte[] padded = {0, 'o', 0, 'k', 0, 0, 0, 0};
        assertThat(new MessageContent(MessageFormat.UCS2, false, Octets.of(padded)).text()).isEqualTo("ok");
        byte[] ucs2 = "ok".getBytes(StandardCharsets.UTF_16BE);
        assertThat(new MessageContent(0x18, false, Octets.of(ucs2)).text()).as("GSM DCS UCS2 class 0").isEqualTo("ok");
        assertThat(new MessageContent(0xF0, false, Octets.of("ok".getBytes(StandardCharsets.US_ASCII))).text())
                .isEqualTo("ok");
    }

    @Test
    void binaryFormatsAreNotText() {
        MessageContent binary = new MessageContent(MessageFormat.BINARY, false, Octets.of((byte) 1));
        assertThat(binary.isText()).isFalse();
        assertThatThrownBy(binary::text).isInstanceOf(IllegalStateException.class);
        assertThat(new MessageContent(MessageFormat.USIM, false, Octets.EMPTY).isText()).isFalse();
    }

    @Test
    void segmentStartsWithTheConcatenationHeader() {
        byte[] text = "第二段".getBytes(StandardCharsets.UTF_16BE);
        MessageContent segment = MessageContent.segment(MessageFormat.UCS2, new ConcatenationUdh(7, 3, 2), text);
        assertThat(segment.udhi()).isTrue();
        assertThat(segment.bytes().slice(0, 6)).isEqualTo(Octets.fromHex("050003070302"));
        assertThat(segment.userData()).isEqualTo(Octets.of(text));
        assertThat(segment.text()).isEqualTo("第二段");
        assertThat(segment.concatenation()).contains(new ConcatenationUdh(7, 3, 2));
    }

    @Test
    void toStringNeverShowsTheText() {
        MessageContent content = MessageContent.ofText(MessageFormat.ASCII, "secret code 1234");
        assertThat(content.toString()).doesNotContain("1234").doesNotContain("73656372").contains("length=16");
    }

    @Test
    void udhLongerThanTheContentYieldsNoUserData() {
        MessageContent broken = new MessageContent(MessageFormat.UCS2, true, Octets.fromHex("0500"));
        assertThat(broken.userData().length()).isZero();
        assertThat(broken.concatenation()).isEmpty();
    }
}
