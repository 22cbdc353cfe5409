package org.sms1069.api.status;

import org.sms1069.api.auth.Caller;
import org.sms1069.api.auth.Role;
import org.sms1069.api.error.ApiException;
import org.sms1069.api.error.ErrorCode;
import org.sms1069.api.store.MessageStore;
import org.sms1069.model.MessageIds;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
public class StatusController {
    private final MessageStore store;

    public StatusController(MessageStore store) {
        this.store = store;
    }

    /** An app sees only its own messages: another app's id answers 404, like an unknown one. */
    @GetMapping("/v1/messages/{id}")
    public Mono<MessageView> get(@PathVariable String id, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange).require(Role.APP);
        if (!MessageIds.isWellFormed(id)) {
            return Mono.error(new ApiException(ErrorCode.VALIDATION_FAILED, "message id must be 26 characters of Crockford base32"));
        }
        return store.find(caller.appId(), id)
                .switchIfEmpty(Mono.error(new ApiException(ErrorCode.NOT_FOUND, "no message " + id + " for this app")))
                .flatMap(message -> store.timeline(id).collectList().map(timeline -> MessageView.of(message, timeline)));
    }
}
