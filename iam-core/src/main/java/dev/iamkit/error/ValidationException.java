package dev.iamkit.error;

/**
 * Input was rejected before anything was written. Names the field (as the record component or
 * parameter is named, e.g. {@code "email"}) and the reason in words.
 */
public class ValidationException extends IamException {
    private final String field;
    private final String reason;

    public ValidationException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
