package dev.iamkit.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.error.ValidationException;
import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every public constructor and method of the model (records, ids, requests; {@link Validate}
 * aside) that takes a string — a {@code String}, an {@code Optional<String>}, strings in a
 * collection or a map — refuses a NUL character and unpaired surrogates in it with a
 * {@link ValidationException}, found by reflection so that a string added later is held to the
 * same rule. Each call is first made with a valid string in that place, to be sure the refusal is
 * about the string.
 */
class StringInputsTest {
    private static final List<String> MALFORMED = List.of("\u0000", "a\u0000b", "\uD83D", "ab\uDE00", "\uDE00\uD83D");
    private static final Instant AT = Instant.parse("2030-01-01T00:00:00Z");
    /** Text that reports a failure (a driver's message) and takes odd characters as they come, replaced: health never throws. */
    private static final List<String> REPORTS = List.of("public dev.iamkit.model.Health(java.lang.String,boolean,java.time.Duration,"
            + "java.util.Optional,java.util.Optional,java.util.Optional,java.util.Optional,java.util.Optional)#7");

    @Test
    void everyStringTheModelTakesRefusesNulAndUnpairedSurrogates() throws Exception {
        List<String> accepted = new ArrayList<>();
        List<String> withoutBaseline = new ArrayList<>();
        int slots = 0;
        int baselines = 0;
        for (Class<?> type : modelClasses()) {
            for (Executable e : executables(type)) {
                Type[] params = e.getGenericParameterTypes();
                for (int i = 0; i < params.length; i++) {
                    if (!carriesStrings(params[i]) || e.getParameters()[i].getName().equals("field") || REPORTS.contains(e.toString() + "#" + i)) {
                        continue;
                    }
                    slots++;
                    Object receiver = Modifier.isStatic(e.getModifiers()) || e instanceof Constructor ? null : sample(type);
                    Object[] args = defaults(e);
                    Throwable baseline = outcome(e, receiver, args);
                    if (baseline == null) {
                        baselines++;
                    } else {
                        withoutBaseline.add(e + " #" + i + ": " + baseline);
                    }
                    for (String bad : MALFORMED) {
                        args[i] = shape(params[i], bad);
                        Throwable t = outcome(e, receiver, args);
                        if (!(t instanceof ValidationException)) {
                            accepted.add(e + " #" + i + " <- " + escape(bad) + ": " + (t == null ? "accepted" : t));
                        }
                    }
                }
            }
        }
        System.out.printf("model string inputs: %d strings taken by public constructors and methods, %d checked against a valid call first%n",
                slots, baselines);
        assertThat(slots).isGreaterThan(100);
        assertThat(withoutBaseline).as("calls that fail even with a valid string").isEmpty();
        assertThat(accepted).isEmpty();
    }

    private static List<Class<?>> modelClasses() throws URISyntaxException, ClassNotFoundException {
        File dir = new File(Validate.class.getResource("Validate.class").toURI()).getParentFile();
        List<Class<?>> out = new ArrayList<>();
        for (String f : dir.list()) {
            if (f.endsWith(".class")) {
                Class<?> c = Class.forName("dev.iamkit.model." + f.substring(0, f.length() - 6));
                if (Modifier.isPublic(c.getModifiers()) && c != Validate.class && !c.isEnum() && !c.isInterface()) {
                    out.add(c);
                }
            }
        }
        out.sort(Comparator.comparing(Class::getName));
        return out;
    }

    private static List<Executable> executables(Class<?> type) {
        List<Executable> out = new ArrayList<>(Arrays.asList(type.getConstructors()));
        for (Method m : type.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic() && !m.getName().equals("equals")) {
                out.add(m);
            }
        }
        out.sort(Comparator.comparing(Executable::toString));
        return out;
    }

    private static boolean carriesStrings(Type t) {
        Class<?> raw = raw(t);
        if (raw == String.class) {
            return true;
        }
        if (t instanceof ParameterizedType p && (raw == Optional.class || Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw))) {
            return raw(p.getActualTypeArguments()[0]) == String.class;
        }
        return false;
    }

    private static Object shape(Type t, String s) {
        Class<?> raw = raw(t);
        if (raw == String.class) {
            return s;
        }
        if (raw == Optional.class) {
            return Optional.of(s);
        }
        if (SortedSet.class.isAssignableFrom(raw)) {
            return new TreeSet<>(List.of(s));
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return List.of(s);
        }
        return Map.of(s, "v");
    }

    /** {@code null} when the call succeeds, else what it threw. */
    private static Throwable outcome(Executable e, Object receiver, Object[] args) {
        try {
            if (e instanceof Constructor<?> c) {
                c.newInstance(args);
            } else {
                ((Method) e).invoke(receiver, args);
            }
            return null;
        } catch (InvocationTargetException x) {
            return x.getCause();
        } catch (ReflectiveOperationException x) {
            throw new IllegalStateException(e.toString(), x);
        }
    }

    private static Object[] defaults(Executable e) {
        Parameter[] ps = e.getParameters();
        Object[] args = new Object[ps.length];
        for (int i = 0; i < ps.length; i++) {
            args[i] = value(nameOf(e, ps[i]), ps[i].getParameterizedType());
        }
        return args;
    }

    /** What a parameter holds: {@code withPath(String v)} a path, {@code AuditCheckpoint.parse(String text)} a checkpoint. */
    private static String nameOf(Executable e, Parameter p) {
        if (e.getName().startsWith("with") && e.getParameterCount() == 1 && p.getName().equals("v")) {
            return Character.toLowerCase(e.getName().charAt(4)) + e.getName().substring(5);
        }
        return e.getDeclaringClass() == AuditCheckpoint.class && p.getName().equals("text") ? "checkpoint" : p.getName();
    }

    /** A record built from valid defaults, for calls of its instance methods. */
    private static Object sample(Class<?> type) {
        if (!type.isRecord()) {
            return value("", type);
        }
        RecordComponent[] cs = type.getRecordComponents();
        Object[] args = new Object[cs.length];
        Class<?>[] types = new Class<?>[cs.length];
        for (int i = 0; i < cs.length; i++) {
            args[i] = value(cs[i].getName(), cs[i].getGenericType());
            types[i] = cs[i].getType();
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException x) {
            throw new IllegalStateException("cannot build a sample " + type.getSimpleName() + ": " + x.getCause(), x);
        }
    }

    /** A valid value for a parameter or component of this name and type. */
    private static Object value(String name, Type t) {
        Class<?> raw = raw(t);
        if (raw == String.class) {
            return switch (name) {
                case "slug", "newSlug" -> "acme";
                case "email", "newEmail" -> "ana@example.com";
                case "code", "purpose" -> "code";
                case "path" -> "/path";
                case "action" -> "read";
                case "ip", "address" -> "203.0.113.7";
                case "text", "cursor" -> UUID.randomUUID().toString();
                case "checkpoint" -> "iamkit-audit-v1:" + UUID.randomUUID() + ":0:-";
                case "grantedBy", "createdBy", "actor", "actorLabel" -> "system";
                default -> "text";
            };
        }
        if (raw == Optional.class) {
            // a privacy request's kind defaults to EXPORT, which is about a user
            return name.equals("userId") ? Optional.of(new UserId(UUID.randomUUID())) : Optional.empty();
        }
        if (SortedSet.class.isAssignableFrom(raw) || raw == Collection.class || raw == List.class || raw == java.util.Set.class) {
            boolean strings = t instanceof ParameterizedType p && raw(p.getActualTypeArguments()[0]) == String.class;
            List<Object> items = strings && !name.equals("unknownKeyIds") ? List.of(name.equals("scopes") ? "invoices:read" : "read") : List.of();
            return SortedSet.class.isAssignableFrom(raw) ? new TreeSet<>(items) : items;
        }
        if (Map.class.isAssignableFrom(raw)) {
            return Map.of();
        }
        if (raw == int.class) {
            return name.equals("limit") ? 10 : 0;
        }
        if (raw == long.class) {
            return name.equals("seq") ? 1L : 0L;
        }
        if (raw == boolean.class) {
            return false;
        }
        if (raw == Instant.class) {
            return AT;
        }
        if (raw == Duration.class) {
            return Duration.ofMinutes(1);
        }
        if (raw == UUID.class) {
            return UUID.randomUUID();
        }
        if (raw.isEnum()) {
            return raw.getEnumConstants()[0];
        }
        if (Id.class.isAssignableFrom(raw)) {
            try {
                return raw.getConstructor(UUID.class).newInstance(UUID.randomUUID());
            } catch (ReflectiveOperationException x) {
                throw new IllegalStateException(x);
            }
        }
        if (raw.isSealed()) {
            return sample(raw.getPermittedSubclasses()[0]);
        }
        if (raw.isRecord()) {
            return sample(raw);
        }
        if (raw == java.util.function.Function.class) {
            return (java.util.function.Function<Object, String>) String::valueOf;
        }
        throw new IllegalStateException("no default for " + t.getTypeName() + " " + name + ": add one");
    }

    private static Class<?> raw(Type t) {
        return t instanceof ParameterizedType p ? (Class<?>) p.getRawType() : t instanceof Class<?> c ? c : Object.class;
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        s.chars().forEach(c -> b.append(c < 0x20 || Character.isSurrogate((char) c) ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return b.toString();
    }
}
