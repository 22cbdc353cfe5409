package org.sms1069.model;

/**
 * A record that can never be processed, whatever is retried: it does not decode, fails validation, or
 * breaks a database constraint. The consumer sets it aside on {@code sms.dead} with this message as the
 * reason and goes on; every other failure is taken as transient and retried.
 */
public class PoisonRecordException extends RuntimeException {

    public PoisonRecordException(String message) {
        super(message);
    }

    public PoisonRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
