package dev.iamkit.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.IamDatabase;
import dev.iamkit.IamDatabases;
import dev.iamkit.model.NewUser;
import dev.iamkit.model.PasswordCheck;
import dev.iamkit.model.UserId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The provider takes the password policy from the settings, as the PostgreSQL store's configuration does. */
class InMemoryPasswordSettingsTest {
    @Test
    void theArgon2AndLockoutSettingsReachTheStore() {
        try (IamDatabase db = IamDatabases.fromSettings(Map.of("USE_DATABASE", "false", "IAMKIT_PASSWORD_ARGON2", "m=64,t=3,p=1",
                "IAMKIT_PASSWORD_LOCKOUT", "1/60"))) {
            UserId ana = db.users().create(new NewUser("ana@example.com", "Ana")).id();
            db.credentials().set(ana, "from the settings");

            assertThat(db.credentials().info(ana).orElseThrow().parameters()).isEqualTo("m=64,t=3,p=1");
            assertThat(db.credentials().verify(ana, "wrong")).isEqualTo(PasswordCheck.WRONG);
            assertThat(db.credentials().verify(ana, "from the settings")).isEqualTo(PasswordCheck.LOCKED_OUT);
        }
    }
}
