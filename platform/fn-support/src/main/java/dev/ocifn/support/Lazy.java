package dev.ocifn.support;

import java.util.function.Supplier;

/**
 * Something built once per function instance, on first use: SDK clients and the principal.
 * A configuration error is kept too, so every call answers it without trying again.
 */
public final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> factory;
    private T value;
    private FnError failure;

    private Lazy(Supplier<T> factory) {
        this.factory = factory;
    }

    public static <T> Lazy<T> of(Supplier<T> factory) {
        return new Lazy<>(factory);
    }

    @Override
    public synchronized T get() {
        if (value == null && failure == null) {
            try {
                value = factory.get();
            } catch (FnError e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return value;
    }
}
