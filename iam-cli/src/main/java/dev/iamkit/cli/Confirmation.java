package dev.iamkit.cli;

import java.io.Console;
import java.util.Optional;

/** Asks the operator a question on the terminal; empty when there is no terminal to ask on. */
@FunctionalInterface
interface Confirmation {
    Optional<String> ask(String question);

    /** The process's terminal: none when stdin or stdout is not one (a pipe, a script, CI). */
    static Confirmation console() {
        return question -> {
            Console console = System.console();
            if (console == null || !isTerminal(console)) {
                return Optional.empty();
            }
            return Optional.ofNullable(console.readLine("%s", question)).map(String::strip);
        };
    }

    /** Console.isTerminal() (JDK 22+), where a console may stand for a redirected stdin; JDK 21's has none then. */
    private static boolean isTerminal(Console console) {
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
