package dev.iamkit.jooq;

/**
 * The two scopes above the tenants (migration V12): the value the library's own platform and
 * authentication calls give {@code iamkit.scope}, transaction-local, for the global tables the
 * row level security policies would otherwise hide. A tenant scope never sets either.
 */
enum Scope {
    /** Organizations, the catalog and the menu definition, read and written. */
    PLATFORM("platform"),
    /** Users, sessions and their tokens, API-key lookups, magic links and rate limits, read and written; organizations, read. */
    IDENTITY("identity");

    static final String SETTING = "iamkit.scope";

    /** The setting's value: a constant, so it can be written into a statement. */
    final String value;

    Scope(String value) {
        this.value = value;
    }
}
