package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iamkit.error.ConfigurationException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * With an older jOOQ on the class path (as Spring Boot 3.5's dependency management would put
 * there) the store refuses to start, naming the jOOQ it found, the one it needs and the fix,
 * instead of failing on its first write with a {@code NoClassDefFoundError}. The build copies
 * jOOQ 3.19 to {@code target/old-jooq} for this test.
 */
class OldJooqTest {
    private static final Path OLD_JOOQ = Path.of("target", "old-jooq", "jooq.jar");

    @Test
    void theJooqOnTheClassPathIsNewEnough() {
        JooqVersion.require();
    }

    @Test
    void anOlderJooqIsRefusedAtStartupNamingTheVersionNeededAndTheFix() throws Exception {
        assertThat(OLD_JOOQ).as("copied by the build (maven-dependency-plugin)").exists();
        try (URLClassLoader oldJooq = IsolatedClassPath.without(e -> e.contains("/org/jooq/jooq/"), OLD_JOOQ)) {
            Class<?> constants = Class.forName("org.jooq.Constants", false, oldJooq);
            assertThat(constants.getField("VERSION").get(null)).asString().startsWith("3.19.");
            assertThatThrownBy(() -> IsolatedClassPath.runProbe(oldJooq, "jdbc:postgresql://127.0.0.1:1/none", "nobody", "", "iamkit"))
                    .satisfies(e -> assertThat(e.getClass().getName()).isEqualTo(ConfigurationException.class.getName()))
                    .hasMessageContaining("needs jOOQ 3.21 or newer, but jOOQ 3.19.")
                    .hasMessageContaining("jooq.version");
        }
    }

    @Test
    void noJooqAtAllIsRefusedToo() {
        ClassLoader none = new ClassLoader(ClassLoader.getPlatformClassLoader()) { };
        assertThatThrownBy(() -> JooqVersion.require(none)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("org.jooq:jooq 3.21");
    }
}
