package org.sms1069.api.gate;

import org.sms1069.api.store.ComposedMessage;
import org.sms1069.api.apps.App;
import reactor.core.publisher.Mono;

/** A check every composed message passes before it is accepted; an error refuses the send. */
public interface ContentGate {
    Mono<Void> check(App app, ComposedMessage message, java.util.List<String> phones);
}
