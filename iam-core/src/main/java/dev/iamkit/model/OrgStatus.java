package dev.iamkit.model;

/** Whether an organization may be used. Every check in a {@code SUSPENDED} organization is false. */
public enum OrgStatus { ACTIVE, SUSPENDED }
