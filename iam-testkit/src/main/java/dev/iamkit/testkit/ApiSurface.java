package dev.iamkit.testkit;

import dev.iamkit.IamDatabase;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every string-bearing input of the public store API, found by reflection: starting from
 * {@link IamDatabase}, each method that returns a group ({@code organizations()},
 * {@code tenant(org)}, {@code catalog().modules()}, {@code authz(consistency)}, ...) is followed,
 * and each parameter of every method reached is searched for strings — a {@code String}, an
 * {@code Optional<String>}, a collection of strings, a settings map, or any of these inside a
 * record parameter (a component, or a component of the records in a collection). A method or
 * record component added to the API later is found here without anyone listing it; tests that
 * cannot build its arguments say so rather than skip it.
 */
public final class ApiSurface {
    private static final Set<String> GROUP_PACKAGES = Set.of("dev.iamkit", "dev.iamkit.store", "dev.iamkit.authz");
    private static final Set<String> MODEL_PACKAGE = Set.of("dev.iamkit.model");

    private ApiSurface() {
    }

    /** What shape of string an input takes. */
    public enum Kind {
        /** A {@code String}. */
        STRING,
        /** An {@code Optional<String>}: the input is present. */
        OPTIONAL_STRING,
        /** A collection of strings, holding the input. */
        STRINGS,
        /** A settings map ({@code Map<String, ?>}): the input is a key, a value, or a number. */
        SETTINGS
    }

    /** The methods that lead from {@link IamDatabase} to a group, in order. */
    public record Route(List<Method> steps) {
        public Route {
            steps = List.copyOf(steps);
        }

        Route then(Method m) {
            List<Method> next = new ArrayList<>(steps);
            next.add(m);
            return new Route(next);
        }

        @Override
        public String toString() {
            return steps.stream().map(m -> m.getName() + "(" + simpleNames(m) + ")").collect(Collectors.joining("."));
        }
    }

    /**
     * One string input: parameter {@code parameter} of {@code method}, reached through
     * {@code route}, and inside it the record components named by {@code components} ({@code "[]"}
     * steps into the records of a collection); {@code type} is the declared type of the input.
     */
    public record Leaf(Route route, Method method, int parameter, List<String> components, Kind kind, Type type) {
        public Leaf {
            components = List.copyOf(components);
        }

        /** A stable name for messages and for lists of expectations. */
        public String key() {
            String target = method.getDeclaringClass().getSimpleName() + "." + method.getName() + "(" + simpleNames(method) + ")#" + parameter;
            return components.isEmpty() ? target : target + "." + String.join(".", components);
        }

        /** The field a {@code ValidationException} about this input names: the component's or the parameter's name. */
        public String field() {
            for (int i = components.size() - 1; i >= 0; i--) {
                if (!components.get(i).equals("[]")) {
                    return components.get(i);
                }
            }
            return method.getParameters()[parameter].getName();
        }

        /** {@code Type.method}, e.g. {@code SessionStore.refresh}. */
        public String methodName() {
            return method.getDeclaringClass().getSimpleName() + "." + method.getName();
        }

        @Override
        public String toString() {
            return key();
        }
    }

    /** Every string input of the API, in a stable order. */
    public static List<Leaf> leaves() {
        List<Leaf> out = new ArrayList<>();
        for (Map.Entry<Class<?>, Route> group : groups().entrySet()) {
            for (Method m : methods(group.getKey())) {
                Type[] types = m.getGenericParameterTypes();
                for (int p = 0; p < types.length; p++) {
                    collect(group.getValue(), m, p, types[p], new ArrayList<>(), out, new HashSet<>());
                }
            }
        }
        out.sort(Comparator.comparing(Leaf::key));
        return List.copyOf(out);
    }

    /** Each group interface reachable from {@link IamDatabase}, with the first route found to it (breadth first). */
    public static Map<Class<?>, Route> groups() {
        Map<Class<?>, Route> found = new java.util.LinkedHashMap<>();
        Deque<Class<?>> queue = new ArrayDeque<>();
        found.put(IamDatabase.class, new Route(List.of()));
        queue.add(IamDatabase.class);
        while (!queue.isEmpty()) {
            Class<?> type = queue.poll();
            for (Method m : methods(type)) {
                Class<?> result = m.getReturnType();
                if (isGroup(result) && !found.containsKey(result)) {
                    found.put(result, found.get(type).then(m));
                    queue.add(result);
                }
            }
        }
        return found;
    }

    /**
     * The public instance methods of a group, in a stable order. Where two overloads lead to the
     * same group, the one with more parameters comes first, so the route takes the explicit one
     * ({@code tenant(org, actor)}, {@code authz(consistency)}).
     */
    static List<Method> methods(Class<?> type) {
        return Arrays.stream(type.getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() != Object.class
                        && m.getDeclaringClass() != AutoCloseable.class)
                .sorted(Comparator.comparing(Method::getName)
                        .thenComparing(m -> -m.getParameterCount())
                        .thenComparing(ApiSurface::simpleNames))
                .toList();
    }

    static boolean isGroup(Class<?> type) {
        return type.isInterface() && GROUP_PACKAGES.contains(type.getPackageName())
                && !type.isAnnotationPresent(FunctionalInterface.class) && !type.isSealed();
    }

    private static void collect(Route route, Method m, int p, Type type, List<String> path, List<Leaf> out, Set<Class<?>> seen) {
        Class<?> raw = raw(type);
        if (raw == String.class) {
            out.add(new Leaf(route, m, p, path, Kind.STRING, type));
        } else if (raw == Optional.class) {
            Type arg = argument(type, 0);
            if (raw(arg) == String.class) {
                out.add(new Leaf(route, m, p, path, Kind.OPTIONAL_STRING, type));
            } else {
                collect(route, m, p, arg, path, out, seen);
            }
        } else if (Collection.class.isAssignableFrom(raw)) {
            Type arg = argument(type, 0);
            if (raw(arg) == String.class) {
                out.add(new Leaf(route, m, p, path, Kind.STRINGS, type));
            } else {
                List<String> inner = new ArrayList<>(path);
                inner.add("[]");
                collect(route, m, p, arg, inner, out, seen);
            }
        } else if (Map.class.isAssignableFrom(raw)) {
            if (raw(argument(type, 0)) != String.class) {
                throw new IllegalStateException(m + ": a map parameter whose keys are not strings; teach ApiSurface about it");
            }
            out.add(new Leaf(route, m, p, path, Kind.SETTINGS, type));
        } else if (raw.isRecord() && MODEL_PACKAGE.contains(raw.getPackageName())) {
            if (!seen.add(raw)) {
                return;
            }
            for (RecordComponent c : raw.getRecordComponents()) {
                List<String> inner = new ArrayList<>(path);
                inner.add(c.getName());
                collect(route, m, p, c.getGenericType(), inner, out, seen);
            }
            seen.remove(raw);
        } else if (raw.isSealed()) {
            for (Class<?> sub : raw.getPermittedSubclasses()) {
                int before = out.size();
                collect(route, m, p, sub, path, out, seen);
                if (out.size() != before) {
                    throw new IllegalStateException(m + ": strings inside the sealed type " + raw.getSimpleName() + "; teach ApiSurface about it");
                }
            }
        } else if (raw == Object.class || raw.isArray() || raw == CharSequence.class) {
            throw new IllegalStateException(m + ": parameter " + p + " may carry a string (" + type.getTypeName() + "); teach ApiSurface about it");
        }
        // ids, enums, instants, durations, dates, numbers, booleans and callbacks carry no string
    }

    static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof java.lang.reflect.WildcardType w) {
            return raw(w.getUpperBounds()[0]);
        }
        return Object.class;
    }

    static Type argument(Type type, int index) {
        return type instanceof ParameterizedType p ? p.getActualTypeArguments()[index] : Object.class;
    }

    private static String simpleNames(Method m) {
        return Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(","));
    }
}
