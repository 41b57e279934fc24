package dev.ocifn.testkit;

import dev.ocifn.ocifake.StubResponse;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What {@link FunctionContractTest} needs to know about one function: its handler, a valid call
 * and OCI's answer to it, the client it builds, the methods it allows, what must stay out of its
 * log, and the few places where functions differ (the setting that points it at OCI, how it
 * passes OCI's errors on). Built in the function test's constructor:
 *
 * <pre>{@code
 * super(FunctionSpec.of(UsageFunction.class, "usage-fn")
 *         .call(GatewayCall.json("POST", URL, DAILY)).answer(() -> page("COMPUTE"))
 *         .client("UsageapiClient").allows("POST").neverLogs("timeUsageStarted"));
 * }</pre>
 */
public final class FunctionSpec {
    final Class<?> function;
    final String name;
    Function<String, GatewayCall> call;
    Supplier<StubResponse> answer;
    int okStatus = 200;
    Function<String, GatewayCall> bodyCall;
    String client;
    List<String> allowed;
    List<String> neverLogged = List.of();
    boolean errorsVerbatim;
    String endpointSetting = "OCI_ENDPOINT";
    String readTimeoutSetting = "OCI_READ_TIMEOUT_MS";
    final Map<String, String> contractConfig = new LinkedHashMap<>();
    final Map<FunctionContractTest.Case, String> notApplicable = new EnumMap<>(FunctionContractTest.Case.class);

    private FunctionSpec(Class<?> function, String name) {
        this.function = function;
        this.name = name;
    }

    /** The function class (handler {@code handleRequest}) and the name it logs its calls under, e.g. {@code usage-fn}. */
    public static FunctionSpec of(Class<?> function, String name) {
        return new FunctionSpec(Objects.requireNonNull(function), Objects.requireNonNull(name));
    }

    /** A call the function answers with one OCI call, wherever OCI is. */
    public FunctionSpec call(GatewayCall valid) {
        return call(origin -> valid);
    }

    /** A call the function answers with one OCI call, given the origin OCI is at (for a call that names it). */
    public FunctionSpec call(Function<String, GatewayCall> validAt) {
        this.call = validAt;
        return this;
    }

    /** OCI's answer to the valid call; a new one each time, since cases add headers and delays to it. */
    public FunctionSpec answer(Supplier<StubResponse> ok) {
        this.answer = ok;
        return this;
    }

    /** The status the function answers the valid call with; 200 unless set. */
    public FunctionSpec okStatus(int status) {
        this.okStatus = status;
        return this;
    }

    /** A valid call with a body, for the body-limit case, when the valid call has none. */
    public FunctionSpec bodyCall(GatewayCall withBody) {
        this.bodyCall = origin -> withBody;
        return this;
    }

    /** What the function's one {@code built ...} log line names, e.g. {@code UsageapiClient}. */
    public FunctionSpec client(String logName) {
        this.client = logName;
        return this;
    }

    /** The methods the valid call's route allows, in the order of its Allow header. */
    public FunctionSpec allows(String... methods) {
        this.allowed = List.of(methods);
        return this;
    }

    /** Parts of the call and of OCI's answer (query text, body content, tokens) the log must never show. */
    public FunctionSpec neverLogs(String... parts) {
        this.neverLogged = List.of(parts);
        return this;
    }

    /** For a proxy: OCI's error answers go back byte for byte, not as the function's own JSON error. */
    public FunctionSpec passesOciErrorsVerbatim() {
        this.errorsVerbatim = true;
        return this;
    }

    /** The setting that points the function at OCI's origin; {@code OCI_ENDPOINT} unless set. */
    public FunctionSpec endpointSetting(String key) {
        this.endpointSetting = key;
        return this;
    }

    /** The setting that bounds the wait for OCI's answer; {@code OCI_READ_TIMEOUT_MS} unless set. */
    public FunctionSpec readTimeoutSetting(String key) {
        this.readTimeoutSetting = key;
        return this;
    }

    /** A setting the contract's cases add (the function's own tests do not get it). */
    public FunctionSpec contractConfig(String key, String value) {
        contractConfig.put(key, value);
        return this;
    }

    /** A case that cannot apply to this function, and why; it shows as skipped with the reason. */
    public FunctionSpec notApplicable(FunctionContractTest.Case c, String reason) {
        notApplicable.put(c, Objects.requireNonNull(reason));
        return this;
    }

    FunctionSpec checked() {
        List<String> missing = new ArrayList<>();
        if (call == null) {
            missing.add("call");
        }
        if (answer == null) {
            missing.add("answer");
        }
        if (client == null) {
            missing.add("client");
        }
        if (allowed == null || allowed.isEmpty()) {
            missing.add("allows");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("FunctionSpec of " + name + " needs " + String.join(", ", missing));
        }
        return this;
    }
}
