package dev.iamkit.portable;

import dev.iamkit.error.ValidationException;
import dev.iamkit.snapshot.SnapshotKind;
import dev.iamkit.snapshot.SnapshotRecords;
import dev.iamkit.snapshot.SnapshotRow;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads a snapshot file line by line: the header first, then rows, lazily, one at a time, each
 * checked as the API checks its input; the trailer's counts are compared with the rows read, and
 * nothing may follow it. Any problem is a {@link SnapshotFileException} naming the line and field.
 */
final class SnapshotReader implements Iterator<SnapshotRow> {
    private final BufferedReader in;
    private final Map<SnapshotKind, Long> counts = new EnumMap<>(SnapshotKind.class);
    private final Header header;
    private long line;
    private SnapshotRow next;
    private boolean ended;

    SnapshotReader(BufferedReader in) {
        this.in = in;
        Map<String, Object> h = read();
        if (h == null) {
            throw new SnapshotFileException(1, "format", "the file is empty: a snapshot starts with its header");
        }
        this.header = header(h);
    }

    Header header() {
        return header;
    }

    private Header header(Map<String, Object> h) {
        if (!Header.FORMAT.equals(h.get("format"))) {
            throw new SnapshotFileException(line, "format", "is not an iamkit snapshot (format must be \"" + Header.FORMAT + "\")");
        }
        if (!(h.get("version") instanceof Long v) || v != Header.VERSION) {
            throw new SnapshotFileException(line, "version", "this library reads version " + Header.VERSION + " of the format, not " + h.get("version"));
        }
        try {
            return new Header(Header.FORMAT, Header.VERSION, text(h, "scope"), text(h, "library"), text(h, "schema"),
                    Instant.parse(text(h, "exported_at")));
        } catch (DateTimeParseException e) {
            throw new SnapshotFileException(line, "exported_at", "must be an ISO-8601 instant");
        }
    }

    private String text(Map<String, Object> h, String field) {
        if (!(h.get(field) instanceof String s)) {
            throw new SnapshotFileException(line, field, "must be a string");
        }
        return s;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !ended) {
            next = advance();
        }
        return next != null;
    }

    @Override
    public SnapshotRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        SnapshotRow r = next;
        next = null;
        return r;
    }

    private SnapshotRow advance() {
        Map<String, Object> m = read();
        if (m == null) {
            throw new SnapshotFileException(line + 1, "end", "the file ends before its trailer: it is truncated");
        }
        if (m.containsKey("end")) {
            trailer(m);
            ended = true;
            return null;
        }
        if (!(m.get("t") instanceof String t) || !(m.get("r") instanceof Map<?, ?> r) || m.size() != 2) {
            throw new SnapshotFileException(line, "t", "a row line is {\"t\": <kind>, \"r\": {<fields>}}");
        }
        try {
            SnapshotKind kind = SnapshotKind.named(t);
            @SuppressWarnings("unchecked")
            SnapshotRow row = new SnapshotRow(kind, (Map<String, Object>) r);
            SnapshotRecords.check(row);
            counts.merge(kind, 1L, Long::sum);
            return row;
        } catch (SnapshotFileException e) {
            throw e;
        } catch (ValidationException e) {
            throw new SnapshotFileException(line, e.field(), e.reason());
        }
    }

    private void trailer(Map<String, Object> m) {
        if (!(m.get("counts") instanceof Map<?, ?> declared)) {
            throw new SnapshotFileException(line, "counts", "the trailer must hold the count of each kind");
        }
        Map<SnapshotKind, Long> expected = new EnumMap<>(SnapshotKind.class);
        declared.forEach((k, v) -> {
            SnapshotKind kind = SnapshotKind.byWireName(String.valueOf(k))
                    .orElseThrow(() -> new SnapshotFileException(line, "counts", "names no kind of row: " + k));
            if (!(v instanceof Long n) || n < 0) {
                throw new SnapshotFileException(line, "counts." + k, "must be a count");
            }
            if (n > 0) {
                expected.put(kind, n);
            }
        });
        if (!expected.equals(counts)) {
            throw new SnapshotFileException(line, "counts", "the file holds " + counts + " rows, its trailer says " + expected);
        }
        if (read() != null) {
            throw new SnapshotFileException(line, "end", "nothing may follow the trailer");
        }
    }

    /** The next non-empty line as a JSON object, or null at the end of the file. */
    private Map<String, Object> read() {
        try {
            String text;
            do {
                text = in.readLine();
                line++;
            } while (text != null && text.isBlank());
            if (text == null) {
                line--;
                return null;
            }
            try {
                return Ndjson.readLine(text);
            } catch (IOException e) {
                throw new SnapshotFileException(line, "json", "is not one JSON object: "
                        + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
            }
        } catch (IOException e) {
            throw new dev.iamkit.error.StorageException("cannot read the snapshot: " + e.getMessage(), e, false);
        }
    }
}
