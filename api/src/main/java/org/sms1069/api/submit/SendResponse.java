package org.sms1069.api.submit;

import org.sms1069.model.Carrier;

import java.util.List;

/** Answer to a send: one id per accepted phone; refused phones are listed with the reason. */
public record SendResponse(List<Accepted> messages, List<Refused> rejected) {

    public record Accepted(String phone, String messageId, int segments, Carrier carrier) {
    }

    public record Refused(String phone, String reason) {
    }
}
