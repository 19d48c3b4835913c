package dev.iamkit.portable;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One JSON value per line, written and read with jackson-core's streaming generator and parser. */
final class Ndjson {
    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private Ndjson() {
    }

    /** Writes {@code value} as one compact line. */
    static void writeLine(Writer out, Map<String, ?> value) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, value);
        }
        out.write('\n');
    }

    private static void write(JsonGenerator g, Object v) throws IOException {
        switch (v) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Long l -> g.writeNumber(l);
            case Integer i -> g.writeNumber(i);
            case Double d -> g.writeNumber(d);
            case Boolean b -> g.writeBoolean(b);
            case UUID u -> g.writeString(u.toString());
            case Instant i -> g.writeString(i.toString());
            case LocalDate d -> g.writeString(d.toString());
            case Map<?, ?> m -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    g.writeFieldName((String) e.getKey());
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case List<?> l -> {
                g.writeStartArray();
                for (Object o : l) {
                    write(g, o);
                }
                g.writeEndArray();
            }
            default -> throw new IllegalArgumentException("no JSON form for " + v.getClass());
        }
    }

    /**
     * The JSON object on one line: objects as maps in the order of their keys, arrays as lists,
     * integers as {@code Long}, other numbers as {@code Double}.
     *
     * @throws IOException (a {@code JsonProcessingException}) when the line is not one JSON object
     */
    static Map<String, Object> readLine(String line) throws IOException {
        try (JsonParser p = FACTORY.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new com.fasterxml.jackson.core.JsonParseException(p, "a line must hold one JSON object");
            }
            Map<String, Object> out = object(p);
            if (p.nextToken() != null) {
                throw new com.fasterxml.jackson.core.JsonParseException(p, "a line must hold one JSON object and nothing after it");
            }
            return out;
        }
    }

    private static Map<String, Object> object(JsonParser p) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            out.put(name, value(p));
        }
        return out;
    }

    private static Object value(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> object(p);
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(p));
                }
                yield l;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> {
                // boxed apart: a conditional expression would widen the long to a double
                Object n = p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? (Object) p.getDoubleValue() : (Object) p.getLongValue();
                yield n;
            }
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected " + p.currentToken());
        };
    }
}
