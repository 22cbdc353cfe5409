package org.sms1069.api.verification;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.sms1069.api.auth.Caller;
import org.sms1069.api.auth.Role;
import org.sms1069.api.error.ErrorCode;
import org.sms1069.api.error.MayAnswer;
import org.sms1069.api.support.EvenIfCancelled;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
public class VerificationController {
    private static final String SCENE = "[a-z0-9_-]{1,32}";
    private static final String SCENE_MESSAGE = "must be 1-32 characters a-z, 0-9, '_' or '-'";

    private final VerificationService verification;

    public VerificationController(VerificationService verification) {
        this.verification = verification;
    }

    /**
     * @param scene     what the code is for (login, reset_password ...): codes of different scenes are independent
     * @param signature one of the app's approved signatures; default the first approved one
     */
    public record IssueRequest(@NotBlank @Size(max = 32) String phone,
                               @NotBlank @Pattern(regexp = SCENE, message = SCENE_MESSAGE) String scene,
                               @Size(max = 12) String signature) {
    }

    public record CheckRequest(@NotBlank @Size(max = 32) String phone,
                               @NotBlank @Pattern(regexp = SCENE, message = SCENE_MESSAGE) String scene,
                               @NotBlank @Size(max = 16) String code) {
    }

    public record CheckResponse(VerificationService.Result result) {
    }

    /** Makes a code and sends it; a new code replaces the previous one of that phone and scene. */
    @MayAnswer({ErrorCode.NO_VALID_RECIPIENT, ErrorCode.TEMPLATE_NOT_APPROVED, ErrorCode.SIGNATURE_NOT_APPROVED,
            ErrorCode.SENDER_SUSPENDED, ErrorCode.CONTENT_BLOCKED, ErrorCode.RATE_LIMITED})
    @PostMapping("/v1/verification-codes")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Mono<VerificationService.Issued> issue(@Valid @RequestBody IssueRequest request, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange).require(Role.APP);
        // the code is stored once its message is queued, even if the client has gone by then
        return EvenIfCancelled.run(verification.issue(caller.appId(), request.phone(), request.scene(), request.signature()));
    }

    @PostMapping("/v1/verification-codes/check")
    public Mono<CheckResponse> check(@Valid @RequestBody CheckRequest request, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange).require(Role.APP);
        return verification.check(caller.appId(), request.phone(), request.scene(), request.code()).map(CheckResponse::new);
    }
}
