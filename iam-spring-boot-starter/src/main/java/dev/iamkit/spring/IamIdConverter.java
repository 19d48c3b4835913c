package dev.iamkit.spring;

import dev.iamkit.error.ConfigurationException;
import dev.iamkit.model.Id;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;

/**
 * Converts text to every typed id of {@code dev.iamkit.model} ({@code OrgId}, {@code UserId},
 * {@code RoleId}, {@code FeatureId}...) with the id's own {@code parse}, so controllers take them
 * as {@code @PathVariable OrgId orgId} or request parameters. Blank text is no id (null); text
 * that is not an id is the id's {@code ValidationException}, which Spring MVC reports as a 400.
 * The ids are found from the sealed {@link Id}, so one added later is converted too.
 */
public final class IamIdConverter implements GenericConverter {
    private final Map<Class<?>, MethodHandle> parsers = new HashMap<>();
    private final Set<ConvertiblePair> pairs = new HashSet<>();

    public IamIdConverter() {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        for (Class<?> id : Id.class.getPermittedSubclasses()) {
            try {
                parsers.put(id, lookup.findStatic(id, "parse", MethodType.methodType(id, String.class)));
            } catch (NoSuchMethodException | IllegalAccessException e) {
                throw new ConfigurationException(id.getName() + " has no public static parse(String)", e);
            }
            pairs.add(new ConvertiblePair(String.class, id));
        }
    }

    @Override
    public Set<ConvertiblePair> getConvertibleTypes() {
        return Set.copyOf(pairs);
    }

    @Override
    public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
        if (source == null || source.toString().isBlank()) {
            return null;
        }
        try {
            return parsers.get(targetType.getType()).invoke(source.toString());
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
