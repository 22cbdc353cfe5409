package org.sms1069.carriersim;

import jakarta.validation.Valid;

import org.sms1069.carriersim.smpp.SmppSimulator;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Lets tests and the local run drive the simulator over HTTP. */
@RestController
@RequestMapping("/sim")
class SimControlController {
    private final SmppSimulator smppSimulator;

    SimControlController(SmppSimulator smppSimulator) {
        this.smppSimulator = smppSimulator;
    }

    /** Delivers the MO and answers 202 once the platform acknowledged it; 409 when nobody is bound to receive. */
    @PostMapping("/mo")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Void> injectMo(@Valid @RequestBody MoRequest request) {
        // waits for deliver_sm_resp, so it must not run on an event-loop thread
        return Mono.fromRunnable(() -> smppSimulator.injectMo(request.from(), request.to(), request.text()))
                .subscribeOn(Schedulers.boundedElastic())
                .then();
    }

    @GetMapping("/submits/count")
    Mono<SubmitCount> submitCount() {
        return Mono.just(new SubmitCount(smppSimulator.counters().submitsAccepted()));
    }

    @ExceptionHandler(IllegalStateException.class)
    ProblemDetail moNotDelivered(IllegalStateException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("MO not delivered");
        problem.setProperty("code", "MO_NOT_DELIVERED");
        return problem;
    }

    record SubmitCount(long count) {
    }
}
