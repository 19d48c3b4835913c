package dev.iamkit.jooq;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The test class path in a class loader of its own, less the entries a test leaves out and plus
 * the ones it adds: how a host's class path without Flyway, or with another jOOQ, is tried.
 */
final class IsolatedClassPath {
    private IsolatedClassPath() {
    }

    /** Every entry of the test class path (Surefire names it in a property of its own). */
    static List<String> entries() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(cp.split(File.pathSeparator));
    }

    static URLClassLoader without(Predicate<String> leaveOut, Path... add) {
        List<URL> urls = new ArrayList<>();
        try {
            for (Path p : add) {
                urls.add(p.toUri().toURL());
            }
            for (String e : entries()) {
                if (!e.isBlank() && !leaveOut.test(e)) {
                    urls.add(Path.of(e).toUri().toURL());
                }
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    /** Calls the static {@code StoreProbe.run} inside {@code loader}; what it threw comes back as thrown. */
    static String runProbe(ClassLoader loader, String... args) throws Throwable {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            Class<?> probe = Class.forName(StoreProbe.class.getName(), true, loader);
            return (String) probe.getMethod("run", String[].class).invoke(null, (Object) args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        } finally {
            t.setContextClassLoader(before);
        }
    }
}
