package dev.iamkit.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The markers and the failure report of {@link DocSnippetsTest}, on Markdown made here. */
class DocBlockTest {
    private static final String MD = """
            # t

            <!-- docs-test: skip: output, not Java -->
            ```java
            this is not Java
            ```

            <!-- docs-test: context request; run -->
            ```java
            import java.util.List;
            List<String> seen = List.of(String.valueOf(email));
            ```

            ```java
            int broken = "text";
            ```

            ```bash
            echo not java
            ```
            """;

    @TempDir
    Path classes;

    @Test
    void markersAreReadFromTheLineAboveTheFence() {
        List<DocBlock> blocks = DocBlock.parse("t.md", MD);
        assertThat(blocks).hasSize(3);
        assertThat(blocks.get(0).skipReason()).isEqualTo("output, not Java");
        assertThat(blocks.get(1).contexts()).containsExactly("request");
        assertThat(blocks.get(1).run()).isTrue();
        assertThat(blocks.get(2).skipReason()).isNull();
        assertThat(blocks.get(2).contexts()).isEmpty();
    }

    @Test
    void anUnmarkedBlockThatDoesNotCompileIsReportedWithItsLineAndTheOthersRun() throws Throwable {
        List<DocBlock> blocks = DocBlock.parse("t.md", MD);
        SnippetCompiler compiler = new SnippetCompiler(Contexts.ALL, classes);
        Map<DocBlock, List<String>> failures = compiler.compile(blocks.subList(1, 3));
        assertThat(failures).containsOnlyKeys(blocks.get(2));
        assertThat(failures.get(blocks.get(2))).singleElement().asString().startsWith("t.md:15: incompatible types");
        compiler.run(blocks.get(1));
    }

    @Test
    void aSkipWithoutAReasonOrAnUnknownDirectiveIsRefused() {
        assertThatThrownBy(() -> DocBlock.parse("t.md", "<!-- docs-test: skip -->\n```java\nx\n```\n")).hasMessageContaining("must say why");
        assertThatThrownBy(() -> DocBlock.parse("t.md", "<!-- docs-test: compile-later -->\n```java\nx\n```\n")).hasMessageContaining("unknown");
    }
}
