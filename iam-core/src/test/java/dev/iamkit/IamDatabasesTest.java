package dev.iamkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.error.ConfigurationException;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IamDatabasesTest {

    @Test
    void noSettingsSelectsMemory() {
        assertThat(IamDatabases.providerFor(Map.of())).isEqualTo("memory");
    }

    @Test
    void databaseUrlSelectsPostgres() {
        assertThat(IamDatabases.providerFor(Map.of("DATABASE_URL", "postgresql://h/db"))).isEqualTo("postgres");
    }

    @Test
    void useDatabaseFalseWinsOverDatabaseUrl() {
        assertThat(IamDatabases.providerFor(Map.of("DATABASE_URL", "postgresql://h/db", "USE_DATABASE", "false"))).isEqualTo("memory");
        assertThat(IamDatabases.providerFor(Map.of("DATABASE_URL", "postgresql://h/db", "USE_DATABASE", "FALSE"))).isEqualTo("memory");
    }

    @Test
    void useDatabaseTrueWithUrlSelectsPostgres() {
        assertThat(IamDatabases.providerFor(Map.of("DATABASE_URL", "postgresql://h/db", "USE_DATABASE", "true"))).isEqualTo("postgres");
    }

    @Test
    void blankDatabaseUrlCountsAsAbsent() {
        assertThat(IamDatabases.providerFor(Map.of("DATABASE_URL", "  "))).isEqualTo("memory");
    }

    @Test
    void useDatabaseTrueWithoutUrlIsAnErrorNamingTheVariable() {
        assertThatThrownBy(() -> IamDatabases.providerFor(Map.of("USE_DATABASE", "true")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("DATABASE_URL")
                .hasMessageNotContaining("\n");
    }

    @Test
    void unparseableUseDatabaseIsAnError() {
        assertThatThrownBy(() -> IamDatabases.providerFor(Map.of("USE_DATABASE", "maybe")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("USE_DATABASE")
                .hasMessageContaining("maybe");
    }

    @Test
    void missingPostgresProviderSaysWhichArtifactToAdd() {
        assertThatThrownBy(() -> IamDatabases.fromSettings(Map.of("DATABASE_URL", "postgresql://h/db"), Clock.systemUTC()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("dev.iamkit:iam-jooq");
    }

    @Test
    void missingMemoryProviderSaysWhichArtifactToAdd() {
        // iam-core's own tests have no store on the class path
        assertThatThrownBy(() -> IamDatabases.fromSettings(Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("dev.iamkit:iam-memory");
    }
}
