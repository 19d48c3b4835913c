package dev.iamkit.passwords;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.model.PasswordPolicy;
import dev.iamkit.support.PasswordHashes;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;

/** The Bouncy Castle functions against hashes made by other implementations, through iam-core's encoding. */
class BouncyCastleKdfTest {
    private final PasswordHashes hashes = new PasswordHashes(PasswordPolicy.defaults().withArgon2(64, 1, 1), new BouncyCastleKdf());

    @Test
    void verifiesHashesMadeByTheReferenceArgon2Library() {
        // made by libargon2 (the reference C implementation), argon2id_hash_encoded
        String defaults = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$9p9jkKZIYTfJslH/0B7bF1q6cghm86yi9kro+Wy8HJc";
        String twoLanes = "$argon2id$v=19$m=64,t=1,p=2$c2FsdHNhbHRzYWx0c2FsdA$sYvzBszaT5WiDMxQc7aod6n98SJWwOq2g1e+i98CcZU";

        assertThat(hashes.matches("reference secret", defaults)).isTrue();
        assertThat(hashes.matches("reference secret", twoLanes)).isTrue();
        assertThat(hashes.matches("reference secreT", defaults)).isFalse();
        assertThat(hashes.matches("reference secreT", twoLanes)).isFalse();
    }

    @Test
    void aNewHashIsAPhcStringAtThePolicysParametersThatVerifies() {
        String h = hashes.hash("new secret");

        assertThat(h).matches("\\$argon2id\\$v=19\\$m=64,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hashes.matches("new secret", h)).isTrue();
        assertThat(hashes.matches("new secret ", h)).isFalse();
        assertThat(hashes.hash("new secret")).as("a fresh salt each time").isNotEqualTo(h);
        assertThat(hashes.needsRehash(h)).isFalse();
        assertThat(new PasswordHashes(PasswordPolicy.defaults(), new BouncyCastleKdf()).needsRehash(h)).isTrue();
    }

    @Test
    void verifiesEachBcryptVariantAndReadsOnlyTheFirst72Bytes() {
        byte[] salt = "0123456789abcdef".getBytes();
        for (String variant : new String[] {"2a", "2b", "2y"}) {
            String h = OpenBSDBCrypt.generate(variant, "bcrypt secret".getBytes(), salt, 4);
            assertThat(hashes.matches("bcrypt secret", h)).as(variant).isTrue();
            assertThat(hashes.matches("bcrypt secreT", h)).as(variant).isFalse();
            assertThat(hashes.needsRehash(h)).isTrue();
        }
        String long72 = "x".repeat(72);
        String h = OpenBSDBCrypt.generate("2b", long72.getBytes(), salt, 4);
        assertThat(hashes.matches(long72 + "anything after", h)).isTrue();
    }

    @Test
    void theStoresFindItThroughTheServiceLoader() {
        PasswordHashes loaded = PasswordHashes.load(PasswordPolicy.defaults().withArgon2(64, 1, 1));
        assertThat(loaded.matches("new secret", hashes.hash("new secret"))).isTrue();
    }
}
