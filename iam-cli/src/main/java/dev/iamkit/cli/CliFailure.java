package dev.iamkit.cli;

/** A command failed for a reason the operator can act on; printed as one line, exit code 1. */
final class CliFailure extends RuntimeException {
    CliFailure(String message) {
        super(message);
    }
}
