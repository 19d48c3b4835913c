package dev.iamkit.model;

/** What a grant does. {@code DENY} wins over any {@code ALLOW}. */
public enum Effect { ALLOW, DENY }
