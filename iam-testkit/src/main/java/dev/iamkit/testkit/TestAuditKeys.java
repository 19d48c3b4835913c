package dev.iamkit.testkit;

import dev.iamkit.support.AuditKeys;

/**
 * Audit keys for tests, the same in every run: {@code k1}, then {@code k2}. Never use them
 * outside tests: anyone who reads this file can sign audit events with them.
 */
public final class TestAuditKeys {
    /** {@code k1} signs. */
    public static final AuditKeys K1 = AuditKeys.signingWith("k1", material(1));
    /** {@code k2} signs; {@code k1} only verifies (after a rotation). */
    public static final AuditKeys K2_THEN_K1 = AuditKeys.signingWith("k2", material(2)).verifyingAlso("k1", material(1));
    /** {@code k2} alone ({@code k1} was dropped or lost). */
    public static final AuditKeys K2 = AuditKeys.signingWith("k2", material(2));

    private TestAuditKeys() {
    }

    /** 32 bytes that differ per {@code n}. */
    public static byte[] material(int n) {
        byte[] key = new byte[AuditKeys.MIN_KEY_BYTES];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (n * 31 + i * 7);
        }
        return key;
    }
}
