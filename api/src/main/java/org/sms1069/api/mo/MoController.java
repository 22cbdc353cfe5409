package org.sms1069.api.mo;

import org.sms1069.api.auth.Caller;
import org.sms1069.api.auth.Role;
import org.sms1069.api.error.ApiException;
import org.sms1069.api.error.ErrorCode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

@RestController
public class MoController {
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 200;

    private final MoStore store;

    public MoController(MoStore store) {
        this.store = store;
    }

    public record MoView(long id, String phone, String destination, String text, String carrier, Instant receivedAt) {
    }

    public record MoPage(List<MoView> messages, String nextCursor) {
    }

    /** The app's replies, newest first; pass {@code nextCursor} as {@code cursor} for the next page. */
    @GetMapping("/v1/mo")
    public Mono<MoPage> list(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                             @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit,
                             ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange).require(Role.APP);
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "limit must be between 1 and " + MAX_LIMIT);
        }
        Long before = cursor(cursor);
        return store.list(caller.appId(), instant("from", from), instant("to", to), before, size)
                .map(mo -> new MoView(mo.id(), mo.phone(), mo.destination(), mo.text(), mo.carrier(), mo.receivedAt()))
                .collectList()
                .map(rows -> rows.size() <= size ? new MoPage(rows, null)
                        : new MoPage(rows.subList(0, size), String.valueOf(rows.get(size - 1).id())));
    }

    private static Long cursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(cursor);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiException(ErrorCode.VALIDATION_FAILED, "cursor must be a nextCursor from an earlier page");
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, name + " must be an ISO-8601 instant, e.g. 2026-01-31T16:00:00Z");
        }
    }
}
