package org.sms1069.gateway.config;

import org.junit.jupiter.api.Test;
import org.sms1069.model.link.GroupIds;
import org.sms1069.model.link.LinkSettings;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code sms.links[].options.*} as an operator writes them in YAML. */
class LinkOptionsBindingTest {

    private static LinkSettings bind(Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "sms.links[0].id", "cmcc-1",
                "sms.links[0].carrier", "CMCC",
                "sms.links[0].protocol", "CMPP30",
                "sms.links[0].host", "127.0.0.1",
                "sms.links[0].port", "7890",
                "sms.links[0].account", "901234",
                "sms.links[0].src-id", "10690123456"));
        properties.putAll(extra);
        return new Binder(new MapConfigurationPropertySource(properties)).bind("sms.links[0]", LinkSettings.class).get();
    }

    @Test
    void optionsBindFromKebabCaseKeys() {
        LinkSettings link = bind(Map.of("sms.links[0].options.group-ids", "SAME",
                "sms.links[0].options.max-recipients", "50"));

        assertThat(link.options().groupIds()).isEqualTo(GroupIds.SAME);
        assertThat(link.options().maxRecipients()).isEqualTo(50);
    }

    @Test
    void withoutOptionsTheProtocolsDefaultsHold() {
        assertThat(bind(Map.of()).options().maxRecipients()).isEqualTo(99);
    }

    @Test
    void aHundredCmppRecipientsStopTheStart() {
        assertThatThrownBy(() -> bind(Map.of("sms.links[0].options.max-recipients", "100")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("options.max-recipients is at most 99");
    }
}
