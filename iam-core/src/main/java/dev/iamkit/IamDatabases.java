package dev.iamkit;

import dev.iamkit.error.ConfigurationException;
import dev.iamkit.spi.IamDatabaseProvider;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses and opens a store from configuration, the way the original system did:
 * <ul>
 *   <li>{@code DATABASE_URL} set and {@code USE_DATABASE} not {@code false}: PostgreSQL ({@code postgres});</li>
 *   <li>{@code DATABASE_URL} absent, or {@code USE_DATABASE=false}: in-memory ({@code memory});</li>
 *   <li>{@code USE_DATABASE=true} without {@code DATABASE_URL}: a {@link ConfigurationException}.</li>
 * </ul>
 */
public final class IamDatabases {
    public static final String DATABASE_URL = "DATABASE_URL";
    public static final String USE_DATABASE = "USE_DATABASE";
    private static final Logger LOG = LoggerFactory.getLogger(IamDatabases.class);

    private IamDatabases() {
    }

    /** Opens the store the process environment selects, with the system UTC clock. */
    public static IamDatabase fromEnvironment() {
        return fromSettings(System.getenv(), Clock.systemUTC());
    }

    /** Opens the store {@code settings} select (same keys as the environment). */
    public static IamDatabase fromSettings(Map<String, String> settings) {
        return fromSettings(settings, Clock.systemUTC());
    }

    public static IamDatabase fromSettings(Map<String, String> settings, Clock clock) {
        String provider = providerFor(settings);
        IamDatabase db = open(provider, settings, clock);
        LOG.info("iamkit store: {} ({})", provider, provider.equals("postgres")
                ? "DATABASE_URL is set" : blank(settings.get(DATABASE_URL)) ? "DATABASE_URL is not set" : "USE_DATABASE=false");
        return db;
    }

    /**
     * The provider name the settings select, without opening anything.
     *
     * @throws ConfigurationException when {@code USE_DATABASE} is not true/false, or is true without {@code DATABASE_URL}
     */
    public static String providerFor(Map<String, String> settings) {
        String url = settings.get(DATABASE_URL);
        String use = settings.get(USE_DATABASE);
        Boolean useDatabase = null;
        if (!blank(use)) {
            switch (use.strip().toLowerCase(Locale.ROOT)) {
                case "true", "1", "yes" -> useDatabase = true;
                case "false", "0", "no" -> useDatabase = false;
                default -> throw new ConfigurationException(
                        "USE_DATABASE must be true or false, not '" + use + "'");
            }
        }
        if (Boolean.FALSE.equals(useDatabase)) {
            return "memory";
        }
        if (blank(url)) {
            if (Boolean.TRUE.equals(useDatabase)) {
                throw new ConfigurationException(
                        "USE_DATABASE=true but DATABASE_URL is not set: set DATABASE_URL to a PostgreSQL URL, or unset USE_DATABASE to use the in-memory store");
            }
            return "memory";
        }
        return "postgres";
    }

    /**
     * Opens the store of the named provider.
     *
     * @throws ConfigurationException when no provider of that name is on the class path
     */
    public static IamDatabase open(String providerName, Map<String, String> settings, Clock clock) {
        for (IamDatabaseProvider p : ServiceLoader.load(IamDatabaseProvider.class, IamDatabases.class.getClassLoader())) {
            if (p.name().equals(providerName)) {
                return p.open(Map.copyOf(settings), clock);
            }
        }
        throw new ConfigurationException(switch (providerName) {
            case "postgres" -> "DATABASE_URL is set but the PostgreSQL store is not on the class path: add the dependency dev.iamkit:iam-jooq, or set USE_DATABASE=false";
            case "memory" -> "the in-memory store is not on the class path: add the dependency dev.iamkit:iam-memory";
            default -> "no iamkit store named '" + providerName + "' is on the class path";
        });
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
