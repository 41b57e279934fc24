package dev.ocifn.local.fn;

import com.fnproject.fn.api.Headers;
import com.fnproject.fn.api.InputEvent;
import com.fnproject.fn.api.OutputEvent;
import com.fnproject.fn.runtime.EventCodec;
import com.fnproject.fn.runtime.ReadOnceInputEvent;
import com.fnproject.fn.testing.FnTestingClassLoader;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One function as OCI Functions would run it in a container: its own class loader (so statics,
 * SDK clients and configuration are its own), its configuration as the environment, and the
 * FDK's {@code EntryPoint} serving one call at a time, for as long as the container lives.
 */
public final class FunctionContainer implements AutoCloseable {
    /** What the function answered, as the Fn platform hands it to API Gateway. */
    public record Answer(boolean success, Headers headers, byte[] body) {
    }

    private static final List<String> SHARED = List.of("java.", "javax.", "sun.", "jdk.",
            "=" + Headers.class.getName(), "=" + InputEvent.class.getName(), "=" + OutputEvent.class.getName(),
            "=" + OutputEvent.Status.class.getName(), "=" + EventCodec.class.getName(),
            "=" + EventCodec.Handler.class.getName(), "=" + QueueCodec.class.getName(),
            "=" + QueueCodec.Call.class.getName());

    private final String name;
    private final QueueCodec codec = new QueueCodec();
    private final Thread thread;

    private FunctionContainer(String name, String handler, Map<String, String> config, PrintStream log) {
        this.name = name;
        Map<String, String> env = new HashMap<>(config);
        env.put("FN_FORMAT", "http-stream");
        env.put("FN_FN_ID", name);
        env.put("FN_APP_ID", "local");
        FnTestingClassLoader loader = new FnTestingClassLoader(getClass().getClassLoader(), SHARED);
        this.thread = new Thread(() -> loader.run(env, codec, log, handler), "fn-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Starts the container; the function itself is constructed on its first call, as in OCI.
     *
     * @param handler {@code class::method}, as in func.yaml's cmd
     * @param config  the function's configuration (in OCI: app and function config plus environment)
     */
    public static FunctionContainer start(String name, String handler, Map<String, String> config, PrintStream log) {
        return new FunctionContainer(name, handler, config, log);
    }

    public String name() {
        return name;
    }

    /** One invocation with these Fn headers and body; times out like Fn's function timeout. */
    public Answer invoke(Headers headers, byte[] body, Duration timeout) throws TimeoutException {
        InputEvent event = new ReadOnceInputEvent(new ByteArrayInputStream(body), headers,
                UUID.randomUUID().toString(), Instant.now().plus(timeout));
        OutputEvent out;
        try {
            out = codec.submit(event).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted");
        } catch (ExecutionException e) {
            return new Answer(false, Headers.emptyHeaders(), new byte[0]);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            out.writeToOutput(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Answer(out.isSuccess(), out.getHeaders(), bytes.toByteArray());
    }

    @Override
    public void close() {
        codec.stop();
    }
}
