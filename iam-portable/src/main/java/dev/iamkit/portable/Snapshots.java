package dev.iamkit.portable;

import dev.iamkit.IamDatabase;
import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.StorageException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.model.Validate;
import dev.iamkit.snapshot.SnapshotImport;
import dev.iamkit.snapshot.SnapshotKind;
import dev.iamkit.snapshot.SnapshotRow;
import dev.iamkit.snapshot.SnapshotScope;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Portable snapshots: everything a store holds (or one organization's part of it) as a stream of
 * JSON lines that any store can take in, to move data between stores (memory to PostgreSQL,
 * one organization between two databases). The format is described in {@code docs/export.md}.
 *
 * <p>A snapshot holds secrets only as the store keeps them (token digests, password hashes), never
 * a raw secret, but it is as sensitive as a backup of the database: keep it like one.
 */
public final class Snapshots {
    private Snapshots() {
    }

    /**
     * Writes the rows of {@code scope} from {@code db} to {@code out} (UTF-8 JSON lines: a header,
     * one line per row, a trailer with the count of each kind), streaming: the PostgreSQL store
     * never holds the rows in memory. {@code out} is flushed, not closed.
     *
     * @return how many rows of each kind were written
     * @throws dev.iamkit.error.NotFoundException when the scope's organization does not exist
     * @throws StorageException when the store cannot be read or {@code out} cannot be written
     */
    public static Map<SnapshotKind, Long> export(IamDatabase db, SnapshotScope scope, OutputStream out) {
        Validate.notNull("out", out);
        return export(db, scope, new OutputStreamWriter(out, StandardCharsets.UTF_8));
    }

    /** Like {@link #export(IamDatabase, SnapshotScope, OutputStream)}, to a character stream (standard output, a string). */
    public static Map<SnapshotKind, Long> export(IamDatabase db, SnapshotScope scope, Writer out) {
        Validate.notNull("db", db);
        Validate.notNull("scope", scope);
        Validate.notNull("out", out);
        Writer w = new BufferedWriter(out, 1 << 16);
        Map<SnapshotKind, Long> counts = new EnumMap<>(SnapshotKind.class);
        try {
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("format", Header.FORMAT);
            header.put("version", Header.VERSION);
            header.put("scope", scope.wireName());
            header.put("library", libraryVersion());
            header.put("schema", db.health().schemaVersion().orElse("-"));
            header.put("exported_at", db.clock().instant().toString());
            Ndjson.writeLine(w, header);
            db.snapshots().exportRows(scope, row -> {
                try {
                    writeRow(w, row);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                counts.merge(row.kind(), 1L, Long::sum);
            });
            Map<String, Object> trailer = new LinkedHashMap<>();
            trailer.put("end", true);
            Map<String, Object> byKind = new LinkedHashMap<>();
            counts.forEach((k, n) -> byKind.put(k.wireName(), n));
            trailer.put("counts", byKind);
            Ndjson.writeLine(w, trailer);
            w.flush();
        } catch (IOException | UncheckedIOException e) {
            throw new StorageException("cannot write the snapshot: " + e.getMessage(), e, false);
        }
        return counts;
    }

    /**
     * Reads a snapshot from {@code in} and writes its rows into {@code db}, all or nothing: a file
     * that is truncated, corrupt, of another format version, or has a row the API would refuse,
     * writes nothing. Rows the store already holds, equal, are accepted and counted as present;
     * any other collision refuses the whole import. Afterwards checks answer from the imported data.
     *
     * @return how many rows of each kind were written, and how many were already there
     * @throws SnapshotFileException (a {@link ValidationException}) naming the line and field of a bad line
     * @throws AlreadyExistsException ({@link dev.iamkit.snapshot.SnapshotConflictException}) listing colliding rows
     * @throws StorageException when {@code in} cannot be read or the store cannot be written
     */
    public static SnapshotImport importInto(IamDatabase db, InputStream in) {
        Validate.notNull("db", db);
        Validate.notNull("in", in);
        SnapshotReader reader = new SnapshotReader(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16));
        return db.snapshots().importRows(reader);
    }

    /** Reads only the header of a snapshot. */
    public static Header header(InputStream in) {
        return new SnapshotReader(new BufferedReader(new InputStreamReader(Validate.notNull("in", in), StandardCharsets.UTF_8))).header();
    }

    static String libraryVersion() {
        try (InputStream in = Snapshots.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "development");
        } catch (IOException e) {
            return "development";
        }
    }

    private static void writeRow(Writer w, SnapshotRow row) throws IOException {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("t", row.kind().wireName());
        line.put("r", row.values());
        Ndjson.writeLine(w, line);
    }
}
