package org.sms1069.api.deadletters;

import jakarta.validation.Valid;
import org.sms1069.api.auth.Caller;
import org.sms1069.api.auth.Role;
import org.sms1069.api.support.QueryParams;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Admin: the records services could not process ({@code sms.dead}), and putting them back once fixed. */
@RestController
public class DeadLetterController {
    private final DeadLetterShelf shelf;
    private final DeadLetterReplay replay;

    public DeadLetterController(DeadLetterShelf shelf, DeadLetterReplay replay) {
        this.shelf = shelf;
        this.replay = replay;
    }

    /** The newest dead letters, newest first; {@code topic} keeps those that came from that topic. */
    @GetMapping("/admin/v1/dead-letters")
    public Mono<DeadLetterShelf.Page> list(@RequestParam(required = false) String topic,
                                           @RequestParam(required = false) Integer limit, ServerWebExchange exchange) {
        Caller.of(exchange).require(Role.ADMIN);
        int size = QueryParams.limit(limit, 50, 500);
        String from = QueryParams.blankToNull(topic);
        return Mono.fromCallable(() -> shelf.newest(from, size)).subscribeOn(Schedulers.boundedElastic());
    }

    @PostMapping("/admin/v1/dead-letters/replay")
    public Mono<DeadLetterReplay.Result> replay(@Valid @RequestBody ReplaySelection selection, ServerWebExchange exchange) {
        Caller.of(exchange).require(Role.ADMIN);
        return Mono.fromCallable(() -> replay.replay(selection)).subscribeOn(Schedulers.boundedElastic());
    }
}
