package dev.iamkit.testkit;

import dev.iamkit.support.MasterKeys;
import dev.iamkit.support.PersonalDataCipher;

/**
 * Master keys for tests, the same in every run. Never use them outside tests: anyone who reads
 * this file can read personal data encrypted under them.
 */
public final class TestMasterKeys {
    /** {@code m1} alone. */
    public static final PersonalDataCipher M1 = PersonalDataCipher.with(MasterKeys.current("m1", TestAuditKeys.material(11)));
    /** {@code m2} current, {@code m1} older (during a rotation). */
    public static final PersonalDataCipher M2_THEN_M1 = PersonalDataCipher.with(
            MasterKeys.current("m2", TestAuditKeys.material(12)).withOlder("m1", TestAuditKeys.material(11)));
    /** {@code m2} alone (the rotation done, or {@code m1} lost). */
    public static final PersonalDataCipher M2 = PersonalDataCipher.with(MasterKeys.current("m2", TestAuditKeys.material(12)));
    /** An id {@code m1} with other key material: the wrong key under the right name. */
    public static final PersonalDataCipher WRONG_M1 = PersonalDataCipher.with(MasterKeys.current("m1", TestAuditKeys.material(99)));

    private TestMasterKeys() {
    }
}
