package dev.iamkit.model;

/** A member's standing in an organization, independent of the fine-grained roles. */
public enum OrgRole { OWNER, ADMIN, MANAGER, MEMBER }
