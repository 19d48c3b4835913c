package dev.iamkit.error;

/** The library was configured in a way it cannot work with; the message says what to set. */
public class ConfigurationException extends IamException {
    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
