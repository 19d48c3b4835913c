package dev.iamkit.support;

import dev.iamkit.error.ValidationException;
import dev.iamkit.error.ConfigurationException;
import dev.iamkit.model.Id;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small JSON writer for the library's own values (records, ids, enums, instants, maps,
 * collections, optionals), so audit snapshots are written identically by every store without a
 * JSON library in the core. Record components are written in declaration order; an empty
 * {@code Optional} is {@code null}.
 */
public final class Json {
    /** A record's components with their accessors, looked up once per class (audit snapshots write many). */
    private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
            List<Component> out = new ArrayList<>();
            for (RecordComponent c : type.getRecordComponents()) {
                try {
                    c.getAccessor().setAccessible(true);
                    out.add(new Component(c.getName(), MethodHandles.lookup().unreflect(c.getAccessor())));
                } catch (IllegalAccessException | RuntimeException e) {
                    throw new ConfigurationException("cannot read " + c.getName() + " of " + type.getName(), e);
                }
            }
            return List.copyOf(out);
        }
    };

    private record Component(String name, MethodHandle accessor) {
        Object read(Record r) {
            try {
                return accessor.invoke(r);
            } catch (Throwable t) {
                throw new ConfigurationException("cannot read " + name + " of " + r.getClass().getName(), t);
            }
        }
    }

    private Json() {
    }

    /**
     * Reads JSON text: objects become maps (in the order of their keys in the text), arrays lists;
     * integral numbers become {@code Long} when they fit one and {@code Double} otherwise, other
     * numbers {@code Double}.
     *
     * @throws ValidationException (field {@code json}) when the text is not JSON
     */
    public static Object read(String text) {
        return JsonReader.read(java.util.Objects.requireNonNull(text, "text"));
    }

    public static String write(Object value) {
        StringBuilder b = new StringBuilder();
        append(b, value);
        return b.toString();
    }

    private static void append(StringBuilder b, Object v) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof String s) {
            string(b, s);
        } else if (v instanceof Boolean || v instanceof Long || v instanceof Integer) {
            b.append(v);
        } else if (v instanceof Double d) {
            b.append(Double.isFinite(d) ? d.toString() : "null");
        } else if (v instanceof Number n) {
            b.append(n);
        } else if (v instanceof Optional<?> o) {
            append(b, o.orElse(null));
        } else if (v instanceof Id<?> id) {
            string(b, id.value().toString());
        } else if (v instanceof Enum<?> e) {
            string(b, e.name());
        } else if (v instanceof Instant i) {
            string(b, i.toString());
        } else if (v instanceof Map<?, ?> m) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                string(b, String.valueOf(e.getKey()));
                b.append(':');
                append(b, e.getValue());
            }
            b.append('}');
        } else if (v instanceof Collection<?> c) {
            b.append('[');
            boolean first = true;
            for (Object o : c) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                append(b, o);
            }
            b.append(']');
        } else if (v instanceof Record r) {
            b.append('{');
            boolean first = true;
            for (Component c : COMPONENTS.get(r.getClass())) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                string(b, c.name());
                b.append(':');
                append(b, c.read(r));
            }
            b.append('}');
        } else {
            string(b, v.toString());
        }
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        int plain = 0;
        while (plain < s.length() && !escaped(s.charAt(plain))) {
            plain++;
        }
        b.append(s, 0, plain);   // most strings (ids, codes, times) need no escape: one copy
        for (int i = plain; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    private static boolean escaped(char c) {
        return c < 0x20 || c == '"' || c == '\\';
    }
}
