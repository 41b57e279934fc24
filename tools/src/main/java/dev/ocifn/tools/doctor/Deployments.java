package dev.ocifn.tools.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocifn.tools.apigw.Deployment;
import dev.ocifn.tools.apigw.SpecRenderer;
import dev.ocifn.tools.template.Params;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the deployments accept, read from the specifications rendered from the parameters by the
 * same code as {@code render}: what was (or should have been) deployed.
 */
final class Deployments {
    /** One function's deployment: its path prefix, the scopes its routes accept, its rate limit. */
    record Target(String function, String pathPrefix, Set<String> scopes, JsonNode rateLimiting) {
    }

    private final Map<String, Target> targets = new LinkedHashMap<>();
    private final JsonNode authentication;

    private Deployments(Map<String, ObjectNode> specs, Params params) {
        JsonNode auth = null;
        for (Map.Entry<String, ObjectNode> e : specs.entrySet()) {
            JsonNode policies = e.getValue().path("requestPolicies");
            auth = auth == null ? policies.path("authentication") : auth;
            Set<String> scopes = new LinkedHashSet<>();
            for (JsonNode route : e.getValue().path("routes")) {
                JsonNode authorization = route.path("requestPolicies").path("authorization");
                if ("ANY_OF".equals(authorization.path("type").asText())) {
                    authorization.path("allowedScope").forEach(s -> scopes.add(s.asText()));
                }
            }
            targets.put(e.getKey(), new Target(e.getKey(), Deployment.of(params, e.getKey()).pathPrefix(), java.util.Collections.unmodifiableSet(scopes),
                    policies.path("rateLimiting")));
        }
        this.authentication = auth;
    }

    static Deployments render(Params params, SpecRenderer renderer, List<String> functions) {
        return new Deployments(renderer.render(params, functions), params);
    }

    List<Target> targets() {
        return List.copyOf(targets.values());
    }

    /** The deployments' token authentication policy (the same for all: one parameters file fills it). */
    JsonNode authentication() {
        return authentication;
    }

    /** Every scope any route accepts, in the order of the functions. */
    Set<String> allScopes() {
        Set<String> all = new LinkedHashSet<>();
        targets.values().forEach(t -> all.addAll(t.scopes()));
        return all;
    }
}
