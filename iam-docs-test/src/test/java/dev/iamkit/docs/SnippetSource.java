package dev.iamkit.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java source a block becomes. A block that declares a top-level type is a compilation unit
 * as it stands; any other block is the body of {@code run()} in a class of its own, its
 * {@code import} lines moved above the class, and the variables of its contexts declared as
 * fields (so the block may declare its own locals of the same names).
 */
record SnippetSource(String className, String text, int bodyStart) {
    private static final Pattern TYPE = Pattern.compile("^(?:public\\s+|final\\s+|abstract\\s+|sealed\\s+)*(?:class|record|interface|enum)\\s+(\\w+)");

    static SnippetSource of(DocBlock block, Map<String, String> contexts) {
        for (String l : block.code()) {
            Matcher m = TYPE.matcher(l);
            if (m.find()) {
                return new SnippetSource(m.group(1), String.join("\n", block.code()) + "\n", 1);
            }
        }
        String name = "Snippet_" + block.file().replaceAll("[^A-Za-z0-9]", "_") + "_" + block.line();
        StringBuilder head = new StringBuilder();
        List<String> body = new ArrayList<>();
        for (String l : block.code()) {
            if (l.startsWith("import ")) {
                head.append(l).append('\n');
                body.add("");
            } else {
                body.add(l);
            }
        }
        head.append("@SuppressWarnings(\"all\")\npublic class ").append(name).append(" {\n");
        for (String c : block.contexts()) {
            String fields = contexts.get(c);
            if (fields == null) {
                throw new IllegalArgumentException(block.where() + ": no context '" + c + "' (known: " + contexts.keySet() + ")");
            }
            head.append(fields.replace("\n", " ")).append('\n');
        }
        head.append("public void run() throws Exception {\n");
        int bodyStart = (int) head.chars().filter(ch -> ch == '\n').count() + 1;
        return new SnippetSource(name, head + String.join("\n", body) + "\n}\n}\n", bodyStart);
    }

    /** The Markdown line of a line of this source. */
    int markdownLine(DocBlock block, long sourceLine) {
        return block.line() + (int) (sourceLine - bodyStart) + 1;
    }
}
