package org.sms1069.wire.codec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConcatenationUdhTest {

    @Test
    void buildsBothHeaderVariants() {
        ConcatenationUdh udh = new ConcatenationUdh(0x1234, 2, 1);
        assertThat(Octets.of(udh.toBytes())).isEqualTo(Octets.fromHex("050003340201"));
        assertThat(Octets.of(udh.toBytes16())).isEqualTo(Octets.fromHex("06080412340201"));
    }

    @Test
    void findsTheElementAmongOthers() {
        // UDHL 8: a 3-byte unrelated element (IEI 0x0A) then the 8-bit concatenation element
        Octets data = Octets.fromHex("08 0a 01 ff 00 03 2a 03 02 4f60");
        assertThat(ConcatenationUdh.find(data)).contains(new ConcatenationUdh(0x2A, 3, 2));
        assertThat(ConcatenationUdh.find(Octets.fromHex("06080400070201"))).contains(new ConcatenationUdh(7, 2, 1));
    }

    @Test
    void ignoresInconsistentHeaders() {
        assertThat(ConcatenationUdh.find(Octets.fromHex("050003010203"))).as("number > total").isEmpty();
        assertThat(ConcatenationUdh.find(Octets.fromHex("05000301"))).as("cut short").isEmpty();
        assertThat(ConcatenationUdh.find(Octets.EMPTY)).isEmpty();
        assertThatThrownBy(() -> new ConcatenationUdh(1, 2, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
