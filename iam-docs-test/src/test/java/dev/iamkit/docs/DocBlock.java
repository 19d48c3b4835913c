package dev.iamkit.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fenced Java block of a Markdown file, with what the marker comment right above it asks:
 * {@code <!-- docs-test: run -->}, {@code <!-- docs-test: context quickstart, request -->},
 * {@code <!-- docs-test: skip: reason -->} (directives may be joined with {@code ;}).
 *
 * @param file the Markdown file, relative to the repository
 * @param line the line of the opening fence (1-based)
 * @param code the block's lines
 * @param contexts the contexts whose variables the block uses
 * @param run whether the block is also run (once compiled)
 * @param skipReason why the block is not compiled, or null when it is
 */
record DocBlock(String file, int line, List<String> code, List<String> contexts, boolean run, String skipReason) {
    private static final Pattern MARKER = Pattern.compile("<!--\\s*docs-test:\\s*(.*?)\\s*-->");
    private static final Pattern FENCE = Pattern.compile("^(```+|~~~+)\\s*([A-Za-z0-9_+-]*)\\s*$");

    String where() {
        return file + ":" + line;
    }

    /** The Java blocks of a Markdown text, in order. */
    static List<DocBlock> parse(String file, String markdown) {
        List<DocBlock> blocks = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        String marker = null;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            Matcher fence = FENCE.matcher(l.strip());
            if (fence.matches() && l.startsWith(fence.group(1))) {
                int start = i;
                List<String> code = new ArrayList<>();
                for (i++; i < lines.length && !lines[i].strip().equals(fence.group(1)); i++) {
                    code.add(lines[i]);
                }
                if (fence.group(2).equals("java")) {
                    blocks.add(of(file, start + 1, code, marker));
                }
                marker = null;
                continue;
            }
            Matcher m = MARKER.matcher(l);
            if (m.find()) {
                marker = m.group(1);
            } else if (!l.isBlank()) {
                marker = null;   // a marker belongs to the block right below it
            }
        }
        return blocks;
    }

    private static DocBlock of(String file, int line, List<String> code, String marker) {
        List<String> contexts = new ArrayList<>();
        boolean run = false;
        String skip = null;
        if (marker != null) {
            for (String d : marker.split(";")) {
                String directive = d.strip();
                if (directive.equals("run")) {
                    run = true;
                } else if (directive.startsWith("context")) {
                    for (String c : directive.substring("context".length()).split("[,\\s]+")) {
                        if (!c.isBlank()) {
                            contexts.add(c.strip());
                        }
                    }
                } else if (directive.startsWith("skip")) {
                    skip = directive.substring(4).replaceFirst("^[:\\s]+", "");
                    if (skip.isBlank()) {
                        throw new IllegalArgumentException(file + ":" + line + ": a skip marker must say why");
                    }
                } else {
                    throw new IllegalArgumentException(file + ":" + line + ": unknown docs-test directive '" + directive + "'");
                }
            }
        }
        return new DocBlock(file, line, List.copyOf(code), List.copyOf(contexts), run, skip);
    }
}
