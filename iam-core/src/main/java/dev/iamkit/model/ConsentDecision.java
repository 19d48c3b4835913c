package dev.iamkit.model;

/** What a user decided about one purpose: consent given, or withdrawn. */
public enum ConsentDecision {
    GIVEN,
    WITHDRAWN
}
