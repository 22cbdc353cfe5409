package org.sms1069.carriersim;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.sms1069.carriersim.fault.FlowControlFault;
import org.sms1069.carriersim.netty.NettySimulator;
import org.sms1069.carriersim.smpp.SmppSimulator;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Faults the chaos runs inject on the carriers' side: cut every link now, or answer flow control for a while. */
@RestController
@RequestMapping("/sim/faults")
class SimFaultsController {
    private final List<NettySimulator<?, ?>> nettySimulators;
    private final SmppSimulator smppSimulator;
    private final FlowControlFault flowControl;

    SimFaultsController(List<NettySimulator<?, ?>> nettySimulators, SmppSimulator smppSimulator,
                        FlowControlFault flowControl) {
        this.nettySimulators = nettySimulators;
        this.smppSimulator = smppSimulator;
        this.flowControl = flowControl;
    }

    /** Closes every connection of every simulator without a protocol goodbye; the platform must reconnect. */
    @PostMapping("/drop-links")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> dropLinks() {
        // closing waits for the sockets, so it must not run on an event-loop thread
        return Mono.fromRunnable(() -> {
            nettySimulators.forEach(NettySimulator::dropConnections);
            smppSimulator.dropConnections();
        }).subscribeOn(Schedulers.boundedElastic()).then();
    }

    /** Answers {@code ratio} of all submits with the protocol's flow-control result for {@code seconds}. */
    @PostMapping("/flow-control")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<FlowControlSpell> flowControl(@RequestParam @DecimalMin("0") @DecimalMax("1") double ratio,
                                       @RequestParam @Min(1) @Max(3600) int seconds) {
        flowControl.start(ratio, Duration.ofSeconds(seconds));
        return Mono.just(new FlowControlSpell(ratio, Instant.now().plusSeconds(seconds)));
    }

    @DeleteMapping("/flow-control")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> stopFlowControl() {
        return Mono.fromRunnable(flowControl::stop);
    }

    record FlowControlSpell(double ratio, Instant until) {
    }
}
