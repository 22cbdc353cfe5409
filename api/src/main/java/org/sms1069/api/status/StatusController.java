package org.sms1069.api.status;

import org.sms1069.api.store.MessageQuery;
import org.sms1069.api.auth.Caller;
import org.sms1069.api.auth.Role;
import org.sms1069.api.error.ApiException;
import org.sms1069.api.error.ErrorCode;
import org.sms1069.api.store.MessageStore;
import org.sms1069.model.MessageIds;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
public class StatusController {
    private final MessageStore store;

    public StatusController(MessageStore store) {
        this.store = store;
    }

    public record MessagePage(java.util.List<MessageStore.StoredMessage> messages, String nextCursor) {
    }

    /** The app's messages, newest first; pass {@code nextCursor} as {@code cursor} for the next page. */
    @GetMapping("/v1/messages")
    public Mono<MessagePage> list(@RequestParam(required = false) String phone, @RequestParam(required = false) String status,
                                  @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                  @RequestParam(required = false) String clientRef, @RequestParam(required = false) Integer limit,
                                  @RequestParam(required = false) String cursor, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange).require(Role.APP);
        MessageQuery query = MessageQuery.parse(phone, status, from, to, clientRef, limit, cursor);
        return store.search(caller.appId(), query).collectList().map(rows -> {
            if (rows.size() <= query.limit()) {
                return new MessagePage(rows, null);
            }
            java.util.List<MessageStore.StoredMessage> page = rows.subList(0, query.limit());
            MessageStore.StoredMessage last = page.get(page.size() - 1);
            return new MessagePage(page, MessageQuery.cursor(last.acceptedAt(), last.id()));
        });
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
