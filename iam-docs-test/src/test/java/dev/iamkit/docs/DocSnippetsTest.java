package dev.iamkit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every fenced {@code java} block of {@code README.md} and {@code docs/*.md} compiles, and the
 * blocks marked to run (the README's Quickstart, on the in-memory store) run without an exception;
 * a block that does not compile fails the build, naming its file and line.
 *
 * <p>How a block says what it needs, in an HTML comment on the line right above its fence:
 * <ul>
 *   <li>nothing: the block is compiled as it stands. Statements become the body of a method
 *       (their {@code import} lines go above it); a block that declares a class or record is a
 *       compilation unit. Import every type you name: a star import of {@code dev.iamkit.model}
 *       loses {@code Module} to {@code java.lang.Module};</li>
 *   <li>{@code <!-- docs-test: context quickstart, request -->}: the block may use, undeclared,
 *       the variables of those contexts ({@link Contexts}: {@code quickstart} the Quickstart's
 *       {@code db}, {@code acme}, {@code ana}, ...; {@code request}; {@code host}; {@code keys});</li>
 *   <li>{@code <!-- docs-test: run -->} (may follow a context, {@code context x; run}): compiled
 *       and run; context variables are null then, so a run block declares what it uses;</li>
 *   <li>{@code <!-- docs-test: skip: why -->}: not compiled, for a block that is not meant to
 *       compile here: output, a fragment, or code whose module is not on this test's class path
 *       (a Spring Boot starter's configuration, say). The reason is required and printed.</li>
 * </ul>
 * The test prints how many blocks it compiled, ran and skipped by marker.
 */
class DocSnippetsTest {
    @TempDir
    Path classes;

    static Path root() {
        return Path.of(System.getProperty("iamkit.docs.root", "..")).toAbsolutePath().normalize();
    }

    static List<DocBlock> blocks() throws IOException {
        Path root = root();
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<DocBlock> blocks = new ArrayList<>();
        for (Path f : files) {
            blocks.addAll(DocBlock.parse(root.relativize(f).toString(), Files.readString(f, StandardCharsets.UTF_8)));
        }
        return blocks;
    }

    @Test
    void everyJavaBlockOfTheDocsCompilesAndTheQuickstartRuns() throws Throwable {
        List<DocBlock> all = blocks();
        List<DocBlock> compiled = all.stream().filter(b -> b.skipReason() == null).toList();
        List<DocBlock> skipped = all.stream().filter(b -> b.skipReason() != null).toList();
        SnippetCompiler compiler = new SnippetCompiler(Contexts.ALL, classes);

        Map<DocBlock, List<String>> failures = compiler.compile(compiled);
        List<String> errors = failures.values().stream().flatMap(List::stream).toList();
        assertThat(errors).as("Java blocks of the docs that do not compile (mark one `<!-- docs-test: skip: why -->` only if it is not"
                + " meant to compile; see DocSnippetsTest's Javadoc)").isEmpty();

        List<DocBlock> run = compiled.stream().filter(DocBlock::run).toList();
        for (DocBlock b : run) {
            compiler.run(b);
        }
        System.out.printf("docs: %d Java blocks in README.md and docs/*.md: %d compiled, %d run, %d skipped by marker%n",
                all.size(), compiled.size(), run.size(), skipped.size());
        skipped.forEach(b -> System.out.printf("docs:   skipped %s: %s%n", b.where(), b.skipReason()));
        assertThat(run).as("the README's Quickstart is run").anyMatch(b -> b.file().equals("README.md"));
    }
}
