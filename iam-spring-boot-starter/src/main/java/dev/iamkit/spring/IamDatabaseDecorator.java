package dev.iamkit.spring;

import dev.iamkit.IamDatabase;

/**
 * Wraps the store before it becomes the {@code IamDatabase} bean, e.g. to measure or trace it
 * ({@code dev.iamkit.ForwardingIamDatabase} is a base for such wrappers). Beans of this type are
 * applied in their order, each around the result of the one before; the first wraps the store
 * (already joining Spring-managed transactions). The starter's own: Micrometer's, when present.
 */
@FunctionalInterface
public interface IamDatabaseDecorator {
    IamDatabase decorate(IamDatabase db);
}
