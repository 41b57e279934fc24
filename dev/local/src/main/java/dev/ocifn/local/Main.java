package dev.ocifn.local;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import java.util.concurrent.CountDownLatch;

/**
 * {@code ./run-local.sh [--port 8080] [--identity-port 8081] [--data .local-data] [--real]}:
 * starts the local stack and prints what to call. {@code --real} sends the functions' calls to
 * a real tenancy, signed with the API-key profile {@code OCI_PROFILE} of {@code OCI_CONFIG_FILE}
 * (default {@code ~/.oci/config}); pictures then need {@code BUCKET_NAME} and predict a
 * {@code PREDICT_URL} in the environment.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        int port = 8080;
        int identityPort = 8081;
        Path data = Path.of(".local-data");
        boolean real = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--identity-port" -> identityPort = Integer.parseInt(args[++i]);
                case "--data" -> data = Path.of(args[++i]);
                case "--real" -> real = true;
                default -> {
                    System.err.println("unknown option " + args[i]
                            + "; usage: run-local.sh [--port N] [--identity-port N] [--data DIR] [--real]");
                    System.exit(2);
                }
            }
        }
        Map<String, String> realConfig = new LinkedHashMap<>();
        for (String key : new String[]{"OCI_CONFIG_FILE", "OCI_PROFILE", "BUCKET_NAME", "NAMESPACE", "PREDICT_URL"}) {
            if (System.getenv(key) != null) {
                realConfig.put(key, System.getenv(key));
            }
        }
        if (real && !realConfig.containsKey("PREDICT_URL")) {
            System.err.println("--real needs PREDICT_URL (your model deployment's https://modeldeployment.<region>"
                    + ".oci.customer-oci.com/<ocid>/predict) and, for pictures, BUCKET_NAME in the environment");
            System.exit(2);
        }
        LocalStack stack = LocalStack.start(new LocalStack.Options(Path.of("").toAbsolutePath(), data, port, identityPort,
                real, realConfig, Duration.ofSeconds(60), null, null, Map.of(), Clock.systemUTC(), Faults.NONE), System.err);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
        System.out.println(Summary.of(stack, data.toAbsolutePath(), real));
        new CountDownLatch(1).await();
    }
}
