package dev.ocifn.local;

import java.util.LinkedHashMap;
import java.util.Map;

/** Each function's own configuration in the local stack, as `fn config` would set it in OCI. */
final class FunctionSettings {
    private FunctionSettings() {
    }

    /**
     * @param localOci the local OCI endpoint, or null against a real tenancy
     * @param real     settings from the environment for a real tenancy (BUCKET_NAME, NAMESPACE)
     */
    static Map<String, String> forLocal(String fn, String localOci, Map<String, String> real) {
        Map<String, String> config = new LinkedHashMap<>();
        switch (fn) {
            case "pictures-fn" -> {
                config.put("BUCKET_NAME", localOci == null ? real.getOrDefault("BUCKET_NAME", "") : LocalStack.BUCKET);
                if (localOci == null && real.containsKey("NAMESPACE")) {
                    config.put("NAMESPACE", real.get("NAMESPACE"));
                }
                // Nothing about users: per-user isolation is the function's default (the apigw spec sets
                // X-User-Id from the token's subject), so each client sees only its own pictures.
            }
            case "model-proxy-fn" -> {
                if (localOci != null) {
                    // The local model speaks http on 127.0.0.1; only this explicit test key admits it.
                    config.put("TESTING_ONLY_ALLOW_MODEL_ORIGIN", localOci);
                }
            }
            default -> {
            }
        }
        return config;
    }
}
