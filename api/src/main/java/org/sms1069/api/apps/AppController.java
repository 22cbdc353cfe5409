package org.sms1069.api.apps;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.sms1069.api.auth.Caller;
import org.sms1069.api.auth.Role;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Admin: apps and their keys. */
@RestController
public class AppController {
    private final AppService apps;

    public AppController(AppService apps) {
        this.apps = apps;
    }

    /**
     * @param extension digits appended to the 1069 number for this app's messages; replies to
     *                  that number reach the app
     */
    public record CreateApp(@NotBlank @Size(max = 100) String name,
                            @Pattern(regexp = "\\d{0,8}", message = "must be up to 8 digits") String extension) {
    }

    @PostMapping("/admin/v1/apps")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<AppService.CreatedApp> create(@Valid @RequestBody CreateApp request, ServerWebExchange exchange) {
        Caller.of(exchange).require(Role.ADMIN);
        return apps.create(request.name(), request.extension() == null ? "" : request.extension());
    }
}
