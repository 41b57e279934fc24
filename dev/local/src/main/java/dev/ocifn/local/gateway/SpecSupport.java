package dev.ocifn.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Set;

/**
 * What of a deployment specification the local gateway implements. Anything else (a CORS or
 * mutual-TLS policy, body validation, an HTTP backend, another authorization type) is refused when
 * the gateway starts: a policy it would silently skip could make a local run pass where OCI
 * behaves differently.
 */
final class SpecSupport {
    private static final Set<String> TOP = Set.of("requestPolicies", "routes");
    private static final Set<String> DEPLOYMENT_POLICIES = Set.of("authentication", "rateLimiting");
    private static final Set<String> ROUTE = Set.of("path", "methods", "backend", "requestPolicies");
    private static final Set<String> ROUTE_POLICIES = Set.of("authorization", "headerTransformations");
    private static final Set<String> TRANSFORMATIONS = Set.of("filterHeaders", "renameHeaders", "setHeaders");
    private static final Set<String> AUTHORIZATION = Set.of("ANONYMOUS", "AUTHENTICATION_ONLY", "ANY_OF");

    private SpecSupport() {
    }

    /** @throws IllegalArgumentException naming the first part the local gateway does not implement */
    static void check(String deployment, JsonNode spec) {
        only(spec, TOP, deployment);
        only(spec.path("requestPolicies"), DEPLOYMENT_POLICIES, deployment + " requestPolicies");
        for (JsonNode route : spec.path("routes")) {
            String where = deployment + " route " + route.path("path").asText();
            only(route, ROUTE, where);
            only(route.path("requestPolicies"), ROUTE_POLICIES, where + " requestPolicies");
            only(route.path("requestPolicies").path("headerTransformations"), TRANSFORMATIONS, where + " headerTransformations");
            String backend = route.path("backend").path("type").asText();
            if (!backend.equals("ORACLE_FUNCTIONS_BACKEND")) {
                throw new IllegalArgumentException(where + ": backend type '" + backend + "' is not emulated");
            }
            String authorization = route.path("requestPolicies").path("authorization").path("type").asText("AUTHENTICATION_ONLY");
            if (!AUTHORIZATION.contains(authorization)) {
                throw new IllegalArgumentException(where + ": authorization type '" + authorization + "' is not emulated");
            }
        }
    }

    private static void only(JsonNode node, Set<String> known, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!known.contains(field)) {
                throw new IllegalArgumentException(where + ": '" + field + "' is not emulated by the local gateway");
            }
        }
    }
}
