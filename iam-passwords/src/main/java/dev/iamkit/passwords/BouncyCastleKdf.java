package dev.iamkit.passwords;

import dev.iamkit.spi.PasswordKdf;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id and bcrypt from Bouncy Castle ({@code bcprov}): maintained, pure Java (no native
 * library to ship per platform), and the reference for both functions on the JVM. Found by
 * {@link java.util.ServiceLoader}.
 */
public final class BouncyCastleKdf implements PasswordKdf {
    private static final int BCRYPT_MAX_BYTES = 72;

    @Override
    public byte[] argon2id(byte[] password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[length];
        generator.generateBytes(password, out);
        return out;
    }

    /** bcrypt reads at most 72 bytes; a longer password is cut there, as the system that made the hash did. */
    @Override
    public boolean bcryptMatches(String encoded, byte[] password) {
        byte[] used = password.length > BCRYPT_MAX_BYTES ? Arrays.copyOf(password, BCRYPT_MAX_BYTES) : password;
        return OpenBSDBCrypt.checkPassword(encoded, used);
    }
}
