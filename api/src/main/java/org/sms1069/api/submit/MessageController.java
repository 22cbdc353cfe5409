package org.sms1069.api.submit;

import jakarta.validation.Valid;
import org.sms1069.api.auth.Caller;
import org.sms1069.api.auth.NonceClaim;
import org.sms1069.api.auth.Role;
import org.sms1069.api.error.ErrorCode;
import org.sms1069.api.error.MayAnswer;
import org.sms1069.api.idempotency.IdempotencyStore;
import org.sms1069.api.support.EvenIfCancelled;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
public class MessageController {
    private final SendService sends;
    private final IdempotencyStore idempotency;

    public MessageController(SendService sends, IdempotencyStore idempotency) {
        this.sends = sends;
        this.idempotency = idempotency;
    }

    /** Accepts the message for delivery: 202 once it is durably queued, with one id per phone. */
    @MayAnswer({ErrorCode.NOT_FOUND, ErrorCode.NO_VALID_RECIPIENT, ErrorCode.MO_NOT_FOUND, ErrorCode.REPLY_PHONE_MISMATCH,
            ErrorCode.TEMPLATE_NOT_APPROVED, ErrorCode.SIGNATURE_NOT_APPROVED, ErrorCode.TEXT_NOT_ALLOWED,
            ErrorCode.SENDER_SUSPENDED, ErrorCode.CONTENT_BLOCKED, ErrorCode.RATE_LIMITED})
    @PostMapping("/v1/messages")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Mono<SendResponse> send(@Valid @RequestBody SendRequest request,
                                   @RequestHeader(name = IdempotencyStore.HEADER, required = false) String idempotencyKey,
                                   ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange).require(Role.APP);
        // a stored idempotent answer is given without the send that would have recorded the nonce
        return EvenIfCancelled.run(idempotency.once(caller.appId(), idempotencyKey, request, SendResponse.class,
                        () -> sends.send(caller.appId(), request)))
                .flatMap(answer -> NonceClaim.ensureCurrent().thenReturn(answer));
    }
}
