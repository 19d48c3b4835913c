package dev.iamkit.model;

/** Only {@code ACTIVE} memberships pass permission checks. */
public enum MembershipStatus { INVITED, ACTIVE, SUSPENDED }
