package org.sms1069.api.complaints;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.sms1069.api.auth.Caller;
import org.sms1069.api.auth.Role;
import org.sms1069.api.error.ApiException;
import org.sms1069.api.error.ErrorCode;
import org.sms1069.api.support.PageOf;
import org.sms1069.api.support.QueryParams;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.sms1069.api.support.QueryParams.blankToNull;

/** Complaints forwarded by carriers, the regulator or anyone else, recorded by compliance; their list and rates. */
@RestController
public class ComplaintController {
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final ComplaintIntake intake;
    private final ComplaintStore store;
    private final ComplaintRates rates;
    private final ComplaintProperties properties;
    private final Clock clock;

    public ComplaintController(ComplaintIntake intake, ComplaintStore store, ComplaintRates rates,
                               ComplaintProperties properties, Clock clock) {
        this.intake = intake;
        this.store = store;
        this.rates = rates;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * @param time       when the user complained (default: now)
     * @param carrierRef the carrier's or regulator's reference: the same reference is recorded once
     * @param excerpt    the text the user complained about, as forwarded: among several messages, one containing it is chosen
     */
    public record NewComplaint(@NotBlank @Size(max = 32) String phone, Instant time, @NotNull ComplaintSource source,
                               @Size(max = 64) String carrierRef, @Size(max = 500) String excerpt) {
    }

    public record Page(List<Complaint> complaints, String nextCursor) {
    }

    @PostMapping("/compliance/v1/complaints")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ComplaintIntake.Recorded> record(@Valid @RequestBody NewComplaint request, ServerWebExchange exchange) {
        Caller reviewer = Caller.of(exchange).require(Role.COMPLIANCE);
        String phone = ComplaintIntake.normalised(request.phone());
        if (phone == null) {
            throw QueryParams.invalid("phone is not a valid mobile number");
        }
        Instant now = clock.instant();
        Instant at = request.time() == null ? now : request.time();
        if (at.isAfter(now.plus(CLOCK_SKEW))) {
            throw QueryParams.invalid("time is in the future");
        }
        String ref = blankToNull(request.carrierRef());
        return intake.record(new ComplaintStore.NewComplaint(phone, at, request.source(), ref, blankToNull(request.excerpt()),
                        null, null, reviewer.keyId()))
                .switchIfEmpty(Mono.defer(() -> (ref == null ? Mono.<Complaint>empty() : intake.earlier(request.source(), ref))
                        .flatMap(earlier -> Mono.<ComplaintIntake.Recorded>error(new ApiException(ErrorCode.CONFLICT,
                                "complaint " + ref + " was recorded before as " + earlier.id(),
                                Map.of("complaintId", earlier.id()))))));
    }

    @GetMapping("/compliance/v1/complaints")
    public Mono<Page> list(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                           @RequestParam(required = false) String appId, @RequestParam(required = false) String signature,
                           @RequestParam(required = false) ComplaintSource source, @RequestParam(required = false) Integer limit,
                           @RequestParam(required = false) String cursor, ServerWebExchange exchange) {
        Caller.of(exchange).require(Role.COMPLIANCE);
        int size = QueryParams.limit(limit, 50, 500);
        ComplaintStore.Filter filter = new ComplaintStore.Filter(QueryParams.instant("from", from), QueryParams.instant("to", to),
                blankToNull(appId), blankToNull(signature), source, size, QueryParams.idCursor(cursor));
        return store.list(filter).collectList()
                .map(rows -> PageOf.cut(rows, size, last -> String.valueOf(last.id())))
                .map(page -> new Page(page.rows(), page.nextCursor()));
    }

    /** Every signature with complaints in the rate window, highest rate first, with the threshold. */
    @GetMapping("/compliance/v1/complaints/rates")
    public Mono<Map<String, Object>> rates(ServerWebExchange exchange) {
        Caller.of(exchange).require(Role.COMPLIANCE);
        return rates.all(clock.instant().minus(properties.rateWindow())).collectList()
                .map(list -> Map.of("window", properties.rateWindow().toString(),
                        "suspendPerMillion", properties.suspendPerMillion(), "minComplaints", properties.minComplaints(),
                        "rates", list));
    }
}
