package org.sms1069.wire.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** FixedStrings, Bcd, LoginDigests and ResultCodeTable. */
class FieldCodecsTest {

    @Test
    void fixedStringsStripPaddingAndStopAtNul() {
        ByteBuf in = Unpooled.wrappedBuffer(WireBytes.wire().str("1069  ", 8).str("ab", 3).hex("00 7a 7a").build());
        assertThat(FixedStrings.read(in, 8)).isEqualTo("1069");
        assertThat(FixedStrings.read(in, 3)).isEqualTo("ab");
        assertThat(FixedStrings.read(in, 3)).as("garbage after the NUL").isEmpty();
        assertThat(in.isReadable()).isFalse();
        assertThatThrownBy(() -> FixedStrings.read(Unpooled.buffer(2).writeZero(2), 3))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void fixedStringsPadAndRefuseToTruncate() {
        ByteBuf out = Unpooled.buffer();
        FixedStrings.write(out, "ab", 4, "Field");
        FixedStrings.write(out, null, 2, "Field");
        assertThat(ByteBufUtil.hexDump(out)).isEqualTo("616200000000");
        assertThatThrownBy(() -> FixedStrings.write(out, "abcde", 4, "Src_Id"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Src_Id");
        assertThatThrownBy(() -> FixedStrings.write(out, "验", 4, "Src_Id"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bcdRoundTripsAndAcceptsEitherCase() {
        Octets id = Bcd.fromDigits("01006101161700012345", 10);
        assertThat(id).isEqualTo(Octets.fromHex("01006101161700012345"));
        assertThat(Bcd.toDigits(id)).isEqualTo("01006101161700012345");
        assertThat(Bcd.toDigits(Bcd.fromDigits("0a", 1))).isEqualTo("0A");
        assertThatThrownBy(() -> Bcd.fromDigits("0123", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Bcd.fromDigits("0x", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void loginTimestampIsTheNumericMonthDayTime() {
        assertThat(LoginDigests.timestamp(java.time.LocalDateTime.of(2026, 11, 28, 10, 54, 7)))
                .isEqualTo(1128105407L);
        assertThat(LoginDigests.ts10(301000000L)).isEqualTo("0301000000");
        assertThat(LoginDigests.timestampNow()).isBetween(101000000L, 1231235959L);
    }

    @Test
    void resultCodeTableFallsBackAndRejectsDuplicates() {
        ResultCodeTable table = ResultCodeTable.builder().success(0, "OK").retryable(8, "slow down")
                .otherwise(SubmitOutcome.PERMANENT, "other");
        assertThat(table.lookup(8).isRetryable()).isTrue();
        assertThat(table.lookup(0).isSuccess()).isTrue();
        assertThat(table.lookup(99)).isEqualTo(new ResultCode(99, SubmitOutcome.PERMANENT, "other (99)"));
        assertThatThrownBy(() -> ResultCodeTable.builder().success(0, "a").permanent(0, "b"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
