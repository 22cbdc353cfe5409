package org.sms1069.carriersim;

import org.sms1069.carriersim.stats.SimStats;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** What the simulated carriers saw, all protocols together, for the chaos runs: submits, duplicates, receipts. */
@RestController
@RequestMapping("/sim/stats")
class SimStatsController {
    private final SimStats stats;

    SimStatsController(SimStats stats) {
        this.stats = stats;
    }

    @GetMapping
    Mono<SimStats.Snapshot> stats() {
        return Mono.fromSupplier(stats::snapshot);
    }

    @PostMapping("/reset")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> reset() {
        return Mono.fromRunnable(stats::reset);
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete() {
        return reset();
    }
}
