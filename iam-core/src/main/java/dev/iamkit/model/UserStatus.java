package dev.iamkit.model;

/** Account state. Only {@code ACTIVE} users pass permission checks. */
public enum UserStatus { ACTIVE, INACTIVE, SUSPENDED, PENDING }
