package dev.iamkit.jooq;

import dev.iamkit.error.ConfigurationException;

/**
 * The jOOQ on the class path must be the release the generated classes were made with, or newer:
 * an older one (a framework's dependency management can pull it down, Spring Boot 3.5's to 3.19)
 * would start and then fail on the first write with a {@code NoClassDefFoundError}. Checked when
 * a store is created, by reflection, since a constant read directly would be the one compiled in.
 */
final class JooqVersion {
    /** The oldest jOOQ release line the generated classes work with. */
    static final String NEEDED = "3.21";
    /** A field that jOOQ releases of {@link #NEEDED} and later have ({@code Constants.VERSION_3_21}). */
    private static final String MARKER = "VERSION_" + NEEDED.replace('.', '_');

    private JooqVersion() {
    }

    /** @throws ConfigurationException naming the jOOQ found, the one needed and how to get it */
    static void require() {
        require(JooqVersion.class.getClassLoader());
    }

    static void require(ClassLoader loader) {
        Class<?> constants;
        try {
            constants = Class.forName("org.jooq.Constants", false, loader);
        } catch (ClassNotFoundException e) {
            throw new ConfigurationException("jOOQ is not on the class path: the PostgreSQL store needs org.jooq:jooq " + NEEDED + " or newer");
        }
        try {
            constants.getField(MARKER);
        } catch (NoSuchFieldException e) {
            throw new ConfigurationException("the PostgreSQL store needs jOOQ " + NEEDED + " or newer, but jOOQ " + found(constants)
                    + " is on the class path. Depend on org.jooq:jooq " + NEEDED + ".x; under Spring Boot's dependency management set the"
                    + " property jooq.version to a " + NEEDED + ".x release (Maven <properties><jooq.version>, Gradle ext['jooq.version'])");
        }
    }

    private static String found(Class<?> constants) {
        try {
            return String.valueOf(constants.getField("VERSION").get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "(version unknown)";
        }
    }
}
