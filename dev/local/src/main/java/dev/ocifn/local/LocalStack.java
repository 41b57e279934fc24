package dev.ocifn.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocifn.local.fn.FunctionContainer;
import dev.ocifn.local.gateway.LocalGateway;
import dev.ocifn.local.idp.LocalIdentityDomain;
import dev.ocifn.localoci.LocalOci;
import dev.ocifn.ocifake.ResourcePrincipalFixture;
import dev.ocifn.ocifake.TrustStore;
import dev.ocifn.tools.apigw.Deployment;
import dev.ocifn.tools.apigw.SpecRenderer;
import dev.ocifn.tools.idcs.StaticKeys;
import dev.ocifn.tools.template.Params;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The whole chain on one machine: a local identity domain issuing IDCS-shaped tokens, a local
 * API Gateway running the {@code apigw/} specifications (rendered with the project's own renderer
 * and with the static key produced from the identity domain's JWKS by the project's own key
 * command, as a user does for IDCS), the four functions in FDK containers, and local OCI
 * endpoints that verify every request's signature. With {@code realTenancy} the functions use the
 * API-key profile of {@code ~/.oci/config} and OCI's real endpoints instead.
 */
public final class LocalStack implements AutoCloseable {
    public static final List<String> FUNCTIONS = List.of("usage-fn", "search-fn", "pictures-fn", "model-proxy-fn");
    public static final String AUDIENCE = "https://ocifn.local/";
    public static final String CLIENT_ID = "local-client";
    public static final String CLIENT_SECRET = "local-secret";
    public static final String OTHER_CLIENT_ID = "other-client";
    public static final String BUCKET = "pictures";
    /** The parameters the specifications were rendered from, in the data folder. */
    public static final String PARAMS_FILE = "params.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        LocalGateway.configureServer();
    }

    /**
     * How to start it. Ports 0 pick free ones. {@code predictUrl} replaces the local model's
     * URL in the predict route (null keeps it): a way to see the function refuse a bad one.
     *
     * @param functionConfig per function, settings added to the stack's own (as {@code fn config
     *                       function} adds them in OCI), e.g. {@code USER_ISOLATION=off}
     * @param ociClock       the time local OCI expires pre-authenticated requests by (the gateway
     *                       checks tokens by the real time)
     * @param faults         misconfigurations to start with ({@link Faults#NONE} for none)
     */
    public record Options(Path repository, Path dataDir, int gatewayPort, int identityPort,
                          boolean realTenancy, Map<String, String> realConfig, Duration functionTimeout,
                          String predictUrl, Integer requestsPerSecond,
                          Map<String, Map<String, String>> functionConfig, Clock ociClock, Faults faults) {
        /** Everything local, on free ports, with the example parameters' rate limits. */
        public static Options local(Path repository, Path dataDir) {
            return new Options(repository, dataDir, 0, 0, false, Map.of(), Duration.ofSeconds(60), null, null,
                    Map.of(), Clock.systemUTC(), Faults.NONE);
        }

        public Options withPredictUrl(String url) {
            return edit(o -> o.predictUrl = url);
        }

        /** The same rate limit for every deployment instead of the example parameters' values. */
        public Options withRequestsPerSecond(int rate) {
            return edit(o -> o.requestsPerSecond = rate);
        }

        /** One more setting of one function, over the stack's own. */
        public Options withFunctionConfig(String fn, String key, String value) {
            Map<String, Map<String, String>> all = new LinkedHashMap<>(functionConfig);
            Map<String, String> own = new LinkedHashMap<>(all.getOrDefault(fn, Map.of()));
            own.put(key, value);
            all.put(fn, Map.copyOf(own));
            return edit(o -> o.functionConfig = Map.copyOf(all));
        }

        /** No local OCI: the functions get exactly this configuration (and their own settings). */
        public Options withRealTenancy(Map<String, String> config) {
            return edit(o -> {
                o.realTenancy = true;
                o.realConfig = Map.copyOf(config);
            });
        }

        public Options withOciClock(Clock time) {
            return edit(o -> o.ociClock = time);
        }

        public Options withFaults(Faults start) {
            return edit(o -> o.faults = start);
        }

        public Options withFunctionTimeout(Duration timeout) {
            return edit(o -> o.functionTimeout = timeout);
        }

        private Options edit(Consumer<Draft> change) {
            Draft draft = new Draft(this);
            change.accept(draft);
            return draft.options();
        }
    }

    /** An {@link Options} being changed: one field set by each {@code with} method. */
    private static final class Draft {
        private final Path repository;
        private final Path dataDir;
        private final int gatewayPort;
        private final int identityPort;
        private boolean realTenancy;
        private Map<String, String> realConfig;
        private Duration functionTimeout;
        private String predictUrl;
        private Integer requestsPerSecond;
        private Map<String, Map<String, String>> functionConfig;
        private Clock ociClock;
        private Faults faults;

        Draft(Options o) {
            repository = o.repository();
            dataDir = o.dataDir();
            gatewayPort = o.gatewayPort();
            identityPort = o.identityPort();
            realTenancy = o.realTenancy();
            realConfig = o.realConfig();
            functionTimeout = o.functionTimeout();
            predictUrl = o.predictUrl();
            requestsPerSecond = o.requestsPerSecond();
            functionConfig = o.functionConfig();
            ociClock = o.ociClock();
            faults = o.faults();
        }

        Options options() {
            return new Options(repository, dataDir, gatewayPort, identityPort, realTenancy, realConfig, functionTimeout,
                    predictUrl, requestsPerSecond, functionConfig, ociClock, faults);
        }
    }

    private final LocalIdentityDomain identity;
    private final LocalOci oci;
    private final Map<String, FunctionContainer> containers = new LinkedHashMap<>();
    private final LocalGateway gateway;
    private final Map<String, String> prefixes = new LinkedHashMap<>();
    private final String predictUrl;
    private final Path paramsFile;

    private LocalStack(Options options, PrintStream log) throws IOException {
        Set<String> scopes = Set.of("usage", "search", "pictures", "predict");
        Faults faults = options.faults();
        identity = LocalIdentityDomain.start(options.identityPort(), List.of(
                new LocalIdentityDomain.Client(CLIENT_ID, CLIENT_SECRET, AUDIENCE,
                        faults.clientScopes() == null ? scopes : faults.clientScopes()),
                new LocalIdentityDomain.Client(OTHER_CLIENT_ID, CLIENT_SECRET, AUDIENCE, scopes)));

        ResourcePrincipalFixture principal = ResourcePrincipalFixture.create();
        Path dataDir = options.dataDir().toAbsolutePath();
        oci = options.realTenancy() ? null : LocalOci.start(new TrustStore().trust(principal),
                dataSet(options.repository(), dataDir), dataDir.resolve("objectstorage"), options.ociClock());
        if (oci != null) {
            oci.createBucket(BUCKET);
            oci.deny(faults.deniedOperations());
        }
        if (options.predictUrl() != null) {
            predictUrl = options.predictUrl();
        } else {
            predictUrl = oci != null ? oci.predictUrl(oci.modelDeployments().get(0))
                    : options.realConfig().getOrDefault("PREDICT_URL", "");
        }

        Params params = params(options);
        // What the specifications were rendered from: the parameters doctor reads (--params).
        paramsFile = dataDir.resolve(PARAMS_FILE);
        Files.createDirectories(dataDir);
        Files.writeString(paramsFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(params.root()) + "\n");
        Map<String, ObjectNode> specs = new SpecRenderer(options.repository().resolve("apigw/templates")).render(params);
        Map<String, FunctionContainer> byOcid = new LinkedHashMap<>();
        Map<String, JsonNode> byPrefix = new LinkedHashMap<>();
        for (String fn : FUNCTIONS) {
            Map<String, String> config = new LinkedHashMap<>();
            if (options.realTenancy()) {
                config.putAll(options.realConfig());
            } else {
                config.putAll(principal.config());
                config.put("OCI_ENDPOINT", oci.endpoint());
            }
            config.putAll(FunctionSettings.forLocal(fn, oci == null ? null : oci.endpoint(), options.realConfig()));
            config.putAll(options.functionConfig().getOrDefault(fn, Map.of()));
            config.keySet().removeAll(faults.unsetSettings().getOrDefault(fn, Set.of()));
            FunctionContainer c = FunctionContainer.start(fn, handler(options.repository(), fn), config, log);
            containers.put(fn, c);
            byOcid.put(params.text("functions." + fn + ".functionId"), c);
            String prefix = Deployment.of(params, fn).pathPrefix();
            prefixes.put(fn, prefix);
            byPrefix.put(prefix, specs.get(fn));
        }
        gateway = new LocalGateway(options.gatewayPort(), byPrefix, byOcid, options.functionTimeout(), Clock.systemUTC(), log);
    }

    public static LocalStack start(Options options, PrintStream log) {
        try {
            return new LocalStack(options, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The parameters a user fills for OCI, filled for this machine: local function ids, the local
     * audience, the identity domain's key converted by the same code as {@code idcs-key}.
     */
    private Params params(Options options) {
        Path repository = options.repository();
        ObjectNode root = (ObjectNode) read(repository.resolve("apigw/params.example.json"));
        ObjectNode auth = (ObjectNode) root.get("auth");
        auth.putArray("issuers").add(LocalIdentityDomain.ISSUER);
        auth.putArray("audiences").add(AUDIENCE);
        auth.remove("staticKeyFile");
        auth.remove("remoteJwks");
        // As a user does for an identity domain: its key set converted by idcs-key's code. The
        // set itself would not do as a REMOTE_JWKS (its key_ops lack verify; LocalGatewayTest).
        auth.set("staticKey", StaticKeys.fromJwks(identity.jwksJson(), null));
        ObjectNode functions = (ObjectNode) root.get("functions");
        for (String fn : FUNCTIONS) {
            ObjectNode f = (ObjectNode) functions.get(fn);
            f.put("functionId", "ocid1.fnfunc.oc1.local.local" + fn.replace("-", ""));
            if (options.requestsPerSecond() != null) {
                ((ObjectNode) f.get("rateLimit")).put("requestsPerSecond", options.requestsPerSecond());
            }
        }
        ((ObjectNode) functions.get("model-proxy-fn")).put("predictUrl", predictUrl);
        options.faults().params().forEach((path, value) -> {
            int dot = path.lastIndexOf('.');
            ObjectNode parent = root;
            for (String segment : path.substring(0, Math.max(dot, 0)).split("\\.")) {
                parent = segment.isEmpty() ? parent : (ObjectNode) parent.get(segment);
            }
            parent.set(path.substring(dot + 1), value);
        });
        return Params.of(root, repository.resolve("apigw"));
    }

    /** The data set the user edits: copied from dev/local-oci/data on the first start. */
    private static Path dataSet(Path repository, Path dataDir) throws IOException {
        Path target = dataDir.resolve("dataset");
        if (!Files.isDirectory(target)) {
            Files.createDirectories(target);
            try (Stream<Path> files = Files.list(repository.resolve("dev/local-oci/data"))) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.copy(f, target.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return target;
    }

    /** The handler named by the function's own func.yaml {@code cmd}, the one OCI runs. */
    static String handler(Path repository, String fn) throws IOException {
        for (String line : Files.readAllLines(repository.resolve(fn).resolve("func.yaml"))) {
            if (line.startsWith("cmd:")) {
                return line.substring(4).trim();
            }
        }
        throw new IllegalStateException(fn + "/func.yaml has no cmd");
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String gatewayUrl() {
        return gateway.url();
    }

    /** Gateway URL of a function's deployment, e.g. http://127.0.0.1:8080/usage. */
    public String deploymentUrl(String fn) {
        return gateway.url() + prefixes.get(fn);
    }

    public LocalIdentityDomain identity() {
        return identity;
    }

    /** Null when running against a real tenancy. */
    public LocalOci oci() {
        return oci;
    }

    public String predictUrl() {
        return predictUrl;
    }

    /** The parameters the running specifications were rendered from (with their faults). */
    public Path paramsFile() {
        return paramsFile;
    }

    @Override
    public void close() {
        gateway.close();
        containers.values().forEach(FunctionContainer::close);
        if (oci != null) {
            oci.close();
        }
        identity.close();
    }
}
