package dev.iamkit.model;

/**
 * One consent decision to record: the purpose (a code such as {@code marketing-email} or
 * {@code terms}), the version of the text the user saw (such as {@code 2026-01}), the decision,
 * and where it was made (such as {@code signup-form} or {@code api}). The store stamps the time.
 */
public record NewConsent(String purpose, String version, ConsentDecision decision, String source) {
    public static final int VERSION_MAX = 40;
    public static final int SOURCE_MAX = 100;

    public NewConsent {
        purpose = Validate.code("purpose", purpose);
        version = Validate.text("version", version, 1, VERSION_MAX);
        Validate.notNull("decision", decision);
        source = Validate.text("source", source, 1, SOURCE_MAX);
    }

    public static NewConsent given(String purpose, String version, String source) {
        return new NewConsent(purpose, version, ConsentDecision.GIVEN, source);
    }

    public static NewConsent withdrawn(String purpose, String version, String source) {
        return new NewConsent(purpose, version, ConsentDecision.WITHDRAWN, source);
    }
}
