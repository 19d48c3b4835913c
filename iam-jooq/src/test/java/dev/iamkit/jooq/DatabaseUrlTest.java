package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.authz.AuthzCache;
import dev.iamkit.error.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void libpqFormBecomesJdbcWithCredentialsTakenOut() {
        DatabaseUrl u = DatabaseUrl.parse("postgresql://app:s%40cr+t@db.example:6543/iam?sslmode=require");
        assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/iam?sslmode=require");
        assertThat(u.user()).contains("app");
        assertThat(u.password()).contains("s@cr+t");
        assertThat(u.toString()).doesNotContain("cr+t");
    }

    @Test
    void postgresSchemeAndDefaultsAreAccepted() {
        DatabaseUrl u = DatabaseUrl.parse("postgres://localhost");
        assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/postgres");
        assertThat(u.user()).isEmpty();
    }

    @Test
    void jdbcFormKeepsItsParametersButItsCredentials() {
        assertThat(DatabaseUrl.parse(" jdbc:postgresql://h:5432/db ").jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db");
        DatabaseUrl u = DatabaseUrl.parse("jdbc:postgresql://h:5432/db?user=x&sslmode=require&password=s%26cret");
        assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db?sslmode=require");
        assertThat(u.user()).contains("x");
        assertThat(u.password()).contains("s&cret");
        assertThat(u.toString()).doesNotContain("cret");
        assertThat(DatabaseUrl.parse("jdbc:postgresql://h/db?user=x").jdbcUrl()).isEqualTo("jdbc:postgresql://h/db");
    }

    @Test
    void otherSchemesAreRejectedWithoutEchoingThePassword() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://u:topsecret@h/db"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("DATABASE_URL")
                .hasMessageNotContaining("topsecret");
    }

    @Test
    void configRejectsBadIdentifiersAndNumbers() {
        assertThatThrownBy(() -> PostgresIamConfig.fromSettings(Map.of("IAMKIT_SCHEMA", "Robert'); drop")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("IAMKIT_SCHEMA");
        assertThatThrownBy(() -> PostgresIamConfig.fromSettings(Map.of("IAMKIT_POOL_SIZE", "many")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("IAMKIT_POOL_SIZE");
        assertThatThrownBy(() -> PostgresIamConfig.fromSettings(Map.of("IAMKIT_POOL_SIZE", "0")))
                .isInstanceOf(ConfigurationException.class);
        assertThat(PostgresIamConfig.fromSettings(Map.of("IAMKIT_SCHEMA", "tenants", "IAMKIT_POOL_SIZE", "4", "IAMKIT_DISTRIBUTED", "true")))
                .isEqualTo(new PostgresIamConfig("tenants", "iamkit_app", 4, true, AuthzCache.DEFAULT_SIZE, dev.iamkit.support.AuditKeys.none(), false,
                        java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(1),
                        dev.iamkit.model.PasswordPolicy.defaults(), dev.iamkit.support.PersonalDataCipher.off()));
        assertThat(PostgresIamConfig.fromSettings(Map.of("IAMKIT_ALLOW_PRIVILEGED_LOGIN", "true")).allowPrivilegedLogin()).isTrue();
        assertThat(PostgresIamConfig.defaults().allowPrivilegedLogin()).isFalse();
        assertThatThrownBy(() -> PostgresIamConfig.fromSettings(Map.of("IAMKIT_ALLOW_PRIVILEGED_LOGIN", "sure")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("IAMKIT_ALLOW_PRIVILEGED_LOGIN");
        assertThatThrownBy(() -> PostgresIamConfig.fromSettings(Map.of("IAMKIT_CACHE_SIZE", "-1")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("IAMKIT_CACHE_SIZE");
        assertThatThrownBy(() -> PostgresIamConfig.fromSettings(Map.of("IAMKIT_CACHE_SIZE", "lots")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("IAMKIT_CACHE_SIZE");
        assertThat(PostgresIamConfig.fromSettings(Map.of("IAMKIT_CACHE_SIZE", "0")).cacheSize()).isZero();
    }
}
