package dev.iamkit.jooq;

import dev.iamkit.error.ConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A PostgreSQL address in either form a host is likely to have: libpq's
 * {@code postgresql://user:pass@host:port/db?sslmode=require} (also {@code postgres://}) or
 * pgjdbc's {@code jdbc:postgresql://host:port/db?user=..}. Credentials in the URL are taken out
 * of the JDBC URL so they never appear in it (or in logs of it).
 */
public record DatabaseUrl(String jdbcUrl, Optional<String> user, Optional<String> password) {

    /**
     * pgjdbc lets {@code user} and {@code password} parameters of the URL win over the ones a pool
     * passes, so they are moved out of the URL: the pool's login is then the one that connects.
     */
    private static DatabaseUrl fromJdbc(String url) {
        int q = url.indexOf('?');
        if (q < 0) {
            return new DatabaseUrl(url, Optional.empty(), Optional.empty());
        }
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        java.util.List<String> kept = new java.util.ArrayList<>();
        for (String param : url.substring(q + 1).split("&")) {
            int eq = param.indexOf('=');
            String name = eq < 0 ? param : param.substring(0, eq);
            String value = eq < 0 ? "" : URLDecoder.decode(param.substring(eq + 1), StandardCharsets.UTF_8);
            switch (name) {
                case "user" -> user = Optional.of(value);
                case "password" -> password = Optional.of(value);
                default -> {
                    if (!param.isEmpty()) {
                        kept.add(param);
                    }
                }
            }
        }
        return new DatabaseUrl(url.substring(0, q) + (kept.isEmpty() ? "" : "?" + String.join("&", kept)), user, password);
    }

    public static DatabaseUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new ConfigurationException("DATABASE_URL is empty");
        }
        String u = url.strip();
        if (u.startsWith("jdbc:postgresql:")) {
            return fromJdbc(u);
        }
        if (!u.startsWith("postgresql://") && !u.startsWith("postgres://")) {
            throw new ConfigurationException("DATABASE_URL must start with postgresql://, postgres:// or jdbc:postgresql:// (got '"
                    + u.replaceAll("//[^@/]*@", "//***@") + "')");
        }
        try {
            URI uri = new URI(u);
            if (uri.getHost() == null) {
                throw new ConfigurationException("DATABASE_URL has no host");
            }
            Optional<String> user = Optional.empty();
            Optional<String> password = Optional.empty();
            String info = uri.getRawUserInfo();
            if (info != null && !info.isEmpty()) {
                int colon = info.indexOf(':');
                user = Optional.of(decode(colon < 0 ? info : info.substring(0, colon)));
                if (colon >= 0) {
                    password = Optional.of(decode(info.substring(colon + 1)));
                }
            }
            String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]" : uri.getHost();
            String db = uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? "postgres" : uri.getRawPath().substring(1);
            StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(host);
            if (uri.getPort() > 0) {
                jdbc.append(':').append(uri.getPort());
            }
            jdbc.append('/').append(db);
            if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
                jdbc.append('?').append(uri.getRawQuery());
            }
            return new DatabaseUrl(jdbc.toString(), user, password);
        } catch (URISyntaxException e) {
            throw new ConfigurationException("DATABASE_URL is not a valid URL: " + e.getReason());
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8); // userinfo is percent-encoded; "+" is literal
    }

    @Override
    public String toString() {
        return jdbcUrl + user.map(x -> " (user " + x + ")").orElse("");
    }
}
