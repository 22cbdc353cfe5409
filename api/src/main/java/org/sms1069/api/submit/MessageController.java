package org.sms1069.api.submit;

import jakarta.validation.Valid;
import org.sms1069.api.auth.Caller;
import org.sms1069.api.auth.Role;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
public class MessageController {
    private final SendService sends;

    public MessageController(SendService sends) {
        this.sends = sends;
    }

    /** Accepts the message for delivery: 202 once it is durably queued, with one id per phone. */
    @PostMapping("/v1/messages")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Mono<SendResponse> send(@Valid @RequestBody SendRequest request, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange).require(Role.APP);
        return sends.send(caller.appId(), request);
    }
}
