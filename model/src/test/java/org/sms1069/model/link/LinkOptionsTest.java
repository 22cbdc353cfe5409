package org.sms1069.model.link;

import org.junit.jupiter.api.Test;
import org.sms1069.model.Carrier;
import org.sms1069.model.Protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinkOptionsTest {

    private static LinkSettings link(Protocol protocol, LinkOptions options) {
        return new LinkSettings("l-1", Carrier.CMCC, protocol, "127.0.0.1", 7890, "901234", "pw", null, "10690123456",
                1, 16, 100, 100, 3_0270_12345L, protocol == Protocol.SGIP12 ? 8802 : 0, null, null, options);
    }

    @Test
    void recipientsDefaultToEachProtocolsLimit() {
        assertThat(link(Protocol.CMPP30, null).options().maxRecipients()).isEqualTo(99);
        assertThat(link(Protocol.CMPP20, null).options().maxRecipients()).isEqualTo(99);
        assertThat(link(Protocol.SGIP12, null).options().maxRecipients()).isEqualTo(100);
        assertThat(link(Protocol.SMGP30, null).options().maxRecipients()).isEqualTo(100);
        assertThat(link(Protocol.SMPP34, null).options().maxRecipients()).isEqualTo(1);
    }

    @Test
    void aHundredRecipientsOnCmppStopTheStart() {
        assertThatThrownBy(() -> link(Protocol.CMPP30, new LinkOptions(100, null, null, null, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sms.links[l-1]: options.max-recipients is at most 99");
        assertThat(link(Protocol.SMGP30, new LinkOptions(100, null, null, null, null)).options().maxRecipients())
                .isEqualTo(100);
        assertThat(link(Protocol.SGIP12, new LinkOptions(50, null, null, null, null)).options().maxRecipients())
                .isEqualTo(50);
    }

    @Test
    void otherDefaultsAndTheirLimits() {
        LinkOptions defaults = link(Protocol.SGIP12, null).options();
        assertThat(defaults.groupIds()).isEqualTo(GroupIds.SEQUENTIAL);
        assertThat(defaults.corpId()).isEqualTo("12345");
        assertThat(defaults.sourceTon()).isZero();
        assertThat(link(Protocol.SGIP12, new LinkOptions(0, null, "54321", null, null)).options().corpId()).isEqualTo("54321");
        assertThatThrownBy(() -> link(Protocol.SGIP12, new LinkOptions(0, null, "123456", null, null)))
                .hasMessageContaining("options.corp-id");
        assertThatThrownBy(() -> link(Protocol.SMPP34, new LinkOptions(0, null, null, 7, null)))
                .hasMessageContaining("options.source-ton");
    }
}
