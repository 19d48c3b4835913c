package dev.iamkit.docs;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles blocks with javac against the test class path, each block on its own; runs those marked to run. */
final class SnippetCompiler {
    private final Map<String, String> contexts;
    private final Path out;

    SnippetCompiler(Map<String, String> contexts, Path out) {
        this.contexts = contexts;
        this.out = out;
    }

    /** The errors of each block that did not compile, as {@code file:line: message}; empty when every block compiled. */
    Map<DocBlock, List<String>> compile(List<DocBlock> blocks) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Map<DocBlock, List<String>> failures = new LinkedHashMap<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, null)) {
            for (DocBlock b : blocks) {
                SnippetSource src;
                try {
                    src = SnippetSource.of(b, contexts);
                } catch (IllegalArgumentException e) {
                    failures.put(b, List.of(e.getMessage()));
                    continue;
                }
                Path dir = out.resolve(src.className());
                Files.createDirectories(dir);
                DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
                List<String> options = List.of("--release", "21", "-proc:none", "-Xlint:none", "-d", dir.toString(),
                        "-classpath", classPath());
                JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///" + src.className() + ".java"), JavaFileObject.Kind.SOURCE) {
                    @Override
                    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                        return src.text();
                    }
                };
                boolean ok = javac.getTask(null, files, diagnostics, options, null, List.of(unit)).call();
                if (!ok) {
                    List<String> errors = new ArrayList<>();
                    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                        if (d.getKind() == Diagnostic.Kind.ERROR) {
                            errors.add(b.file() + ":" + src.markdownLine(b, d.getLineNumber()) + ": " + d.getMessage(Locale.ROOT));
                        }
                    }
                    failures.put(b, errors);
                }
            }
        }
        return failures;
    }

    /** Runs the compiled block's {@code run()}, or its class's {@code main}. */
    void run(DocBlock block) throws Throwable {
        SnippetSource src = SnippetSource.of(block, contexts);
        try (URLClassLoader loader = new URLClassLoader(new java.net.URL[] {out.resolve(src.className()).toUri().toURL()},
                SnippetCompiler.class.getClassLoader())) {
            Class<?> c = loader.loadClass(src.className());
            try {
                if (src.bodyStart() == 1) {
                    c.getMethod("main", String[].class).invoke(null, (Object) new String[0]);
                } else {
                    c.getMethod("run").invoke(c.getConstructor().newInstance());
                }
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    private static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")).replace(";", File.pathSeparator);
    }
}
