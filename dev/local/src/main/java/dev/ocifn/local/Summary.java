package dev.ocifn.local;

import java.nio.file.Path;
import java.util.Set;

/** What the stack prints when it is ready: where things are and a curl per route that works as is. */
final class Summary {
    private Summary() {
    }

    static String of(LocalStack stack, Path data, boolean real) {
        String token = stack.identity().tokenFor(LocalStack.CLIENT_ID, Set.of("usage", "search", "pictures", "predict"));
        String auth = "-H \"Authorization: Bearer $TOKEN\"";
        StringBuilder out = new StringBuilder();
        out.append("\nOCI Fn Proxies, local stack ready").append(real ? " (functions call your real tenancy)" : "").append('\n');
        out.append("  gateway          ").append(stack.gatewayUrl()).append('\n');
        out.append("  identity domain  ").append(stack.identity().url())
                .append("  (client ").append(LocalStack.CLIENT_ID).append(" / ").append(LocalStack.CLIENT_SECRET).append(")\n");
        if (stack.oci() != null) {
            out.append("  local OCI        ").append(stack.oci().endpoint()).append("  (signature-checked)\n");
            out.append("  data             ").append(data).append("  (objectstorage/ is the bucket, dataset/ the editable data set)\n");
        }
        String a = LocalStack.AUDIENCE;
        out.append("\nA token valid for an hour, or get one as a client does (IDCS scopes are audience + scope):\n")
                .append("  curl -s -u ").append(LocalStack.CLIENT_ID).append(':').append(LocalStack.CLIENT_SECRET)
                .append(" -d grant_type=client_credentials --data-urlencode 'scope=").append(a).append("usage ")
                .append(a).append("search ").append(a).append("pictures ").append(a).append("predict' ")
                .append(stack.identity().url()).append("/oauth2/v1/token\n\n");
        out.append("export TOKEN=").append(token).append("\n\n");
        out.append("curl -s -X POST ").append(stack.deploymentUrl("usage-fn")).append("/request-summarized-usages ").append(auth)
                .append(" -H 'Content-Type: application/json' -d '{\"timeUsageStarted\":\"2026-09-01T00:00:00Z\",")
                .append("\"timeUsageEnded\":\"2026-11-01T00:00:00Z\",\"granularity\":\"MONTHLY\",\"groupBy\":[\"service\"]}'\n");
        out.append("curl -s -X POST ").append(stack.deploymentUrl("search-fn")).append("/search ").append(auth)
                .append(" -H 'Content-Type: application/json' -d '{\"type\":\"Structured\",\"query\":\"query autonomousdatabase resources\"}'\n");
        out.append("curl -s -X POST ").append(stack.deploymentUrl("pictures-fn")).append('/').append(LocalStack.CLIENT_ID)
                .append("/avatar.png ").append(auth).append(" -F fileUpload=@dev/local/sample/avatar.png\n");
        out.append("curl -s ").append(stack.deploymentUrl("pictures-fn")).append('/').append(LocalStack.CLIENT_ID)
                .append("/avatar.png ").append(auth).append(" -o downloaded.png\n");
        out.append("curl -s ").append(stack.deploymentUrl("pictures-fn")).append('/').append(LocalStack.CLIENT_ID).append(' ').append(auth).append('\n');
        out.append("curl -s -X DELETE ").append(stack.deploymentUrl("pictures-fn")).append('/').append(LocalStack.CLIENT_ID)
                .append("/avatar.png ").append(auth).append(" -i\n");
        out.append("curl -s -X POST ").append(stack.deploymentUrl("model-proxy-fn")).append("/predict ").append(auth)
                .append(" -H 'Content-Type: application/json' -d '{\"data\":[[1.0,2.0,3.0]]}'\n");
        out.append("\nCheck the whole chain as after a deployment (README, \"When something fails\"):\n")
                .append("  IDCS_CLIENT_SECRET=").append(LocalStack.CLIENT_SECRET)
                .append(" java -jar tools/target/ocifn-tools.jar doctor --params ").append(stack.paramsFile())
                .append(" --gateway-url ").append(stack.gatewayUrl()).append(" --domain-url ").append(stack.identity().url())
                .append(" --client-id ").append(LocalStack.CLIENT_ID).append(" --write\n");
        out.append("\nCtrl-C stops it.\n");
        return out.toString();
    }
}
