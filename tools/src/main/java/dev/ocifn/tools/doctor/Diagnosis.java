package dev.ocifn.tools.doctor;

import dev.ocifn.tools.policies.PolicyRenderer;
import dev.ocifn.tools.policies.PolicySet;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Step four: what a failed answer means and what fixes it. Who answered decides: API Gateway's
 * own refusals (401 token, 403 scope, 404 no route, 429 rate limit, 500 cannot invoke, 502 the
 * function failed, 504 it took too long) carry a numeric {@code code}; a function's carry its
 * own or OCI's code, passed on with OCI's status. Oracle's troubleshooting pages:
 * apigatewaytroubleshooting_topic-troubleshooting-guides_calling-apis.htm; memory and timeout:
 * functionscustomizing.htm; function logs: Logging/Reference/details_for_functions.htm.
 */
final class Diagnosis {
    private static final Pattern SETTING = Pattern.compile("\\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{3,}[A-Z0-9]*)\\b");
    private static final String LOGS = "read the function's log (enable the application's logs: Functions, Applications, "
            + "the application, Logs; each invocation logs 'Served function invocation request ... with error code')";

    /**
     * @param predicted the causes step two found (empty when the token matched the deployment)
     * @param policies  a policy set by name (a function's, or {@value PolicyRenderer#GATEWAY}), when it can be rendered
     */
    record Context(String app, Deployments.Target target, Set<String> tokenScopes, List<String> predicted,
                   Function<String, Optional<PolicySet>> policies) {
    }

    private Diagnosis() {
    }

    static Check of(Context c, String url, Answer a) {
        String fn = c.target().function();
        Optional<String> code = a.functionCode();
        String seen = a.summary();
        if (code.isPresent()) {
            return fromFunction(c, a, code.get(), seen);
        }
        return switch (a.status()) {
            case 401 -> Check.fail(fn, "the gateway refused the token (401)" + (c.predicted().isEmpty()
                            ? " although it matches the parameters" : ", as step two predicted: " + String.join("; ", c.predicted())),
                    c.predicted().isEmpty()
                            ? "the deployment runs an older specification than the parameters (or an older static key): render"
                            + " and update the deployment (apigw/out/oci-commands.sh)"
                            : "see the token checks above");
            case 403 -> Check.fail(fn, "the gateway refused the route (403): the token's scope " + c.tokenScopes()
                    + " has none of " + c.target().scopes(), "grant the client one of " + c.target().scopes()
                    + " (token issuance policy) and request it, or correct functions." + fn + ".scopes");
            case 404 -> Check.fail(fn, "no route at " + url + " (404 from the gateway)",
                    "check --gateway-url (the gateway's hostname) and functions." + fn + ".pathPrefix ("
                            + c.target().pathPrefix() + ") against the deployment; render and update it if they differ");
            case 429 -> Check.fail(fn, "the gateway's rate limit refused the call (429): " + rate(c),
                    "wait a second and run doctor again; or raise functions." + fn + ".rateLimit.requestsPerSecond, render and update");
            case 500 -> Check.fail(fn, "the gateway could not invoke the function (500 from the gateway)",
                    "check functions." + fn + ".functionId and that the gateway may invoke it: "
                            + statements(c, PolicyRenderer.GATEWAY));
            case 502 -> Check.fail(fn, "the function failed (502 from the gateway): it crashed, ran out of memory or could not start",
                    LOGS + "; or run `fn invoke " + c.app() + " " + fn + "` to see its error; if it ran out of memory raise"
                            + " `memory:` in " + fn + "/func.yaml and deploy again");
            case 504 -> Check.fail(fn, "the function did not answer in time (504 from the gateway)",
                    LOGS + "; a first call may be a cold start, run doctor again; raise `timeout:` in " + fn
                            + "/func.yaml (at most 300 s) and deploy again");
            default -> Check.fail(fn, "the gateway answered " + seen, LOGS);
        };
    }

    private static Check fromFunction(Context c, Answer a, String code, String seen) {
        String fn = c.target().function();
        if (code.equals("FunctionMisconfigured")) {
            String key = setting(a.message());
            return Check.fail(fn, "the function is missing a setting: " + seen,
                    "fn config function " + c.app() + " " + fn + " " + (key == null ? "<KEY>" : key) + " <value>");
        }
        if (a.status() == 404 && (code.equals("NotAuthorizedOrNotFound") || code.equals("BucketNotFound"))) {
            return Check.fail(fn, "OCI refused the function's call: " + seen + "; a missing or not yet effective policy"
                            + (code.equals("BucketNotFound") ? ", or a wrong BUCKET_NAME/NAMESPACE," : "") + " looks like this",
                    "apply the function's policy (apigw/out/policies/" + fn + ".statements.json): " + statements(c, fn)
                            + "; if you just applied it, run doctor again in a minute");
        }
        if (a.status() == 401 && code.equals("NotAuthenticated")) {
            return Check.fail(fn, "OCI did not accept the function's resource principal: " + seen,
                    "the dynamic group must match the function: " + statements(c, fn));
        }
        if (a.status() == 429) {
            return Check.fail(fn, "OCI throttled the function's call: " + seen, "run doctor again later");
        }
        if (a.status() == 502 || a.status() == 504) {
            return Check.fail(fn, "the function could not get an answer from OCI: " + seen,
                    "the application's subnet needs a route to OCI's services (service gateway or NAT gateway; apigw/README.md,"
                            + " networking); " + LOGS);
        }
        if (a.status() >= 500) {
            return Check.fail(fn, "the function failed: " + seen, LOGS);
        }
        return Check.fail(fn, "the function refused doctor's request: " + seen,
                "the deployed function may be older than this repository: deploy it again (fn deploy --app " + c.app() + ")");
    }

    /** The setting a FunctionMisconfigured message names, e.g. BUCKET_NAME. */
    static String setting(String message) {
        Matcher m = SETTING.matcher(message);
        while (m.find()) {
            if (!m.group(1).equals("OCI") && !m.group(1).startsWith("FN")) {
                return m.group(1);
            }
        }
        return null;
    }

    private static String rate(Context c) {
        var limit = c.target().rateLimiting();
        return limit.isMissingNode() ? "no rate limit in the specification"
                : limit.path("rateInRequestsPerSecond").asText() + " requests per second per " + limit.path("rateKey").asText();
    }

    private static String statements(Context c, String set) {
        return c.policies().apply(set).map(p -> String.join(" / ", p.statements())
                        + (p.dynamicGroup() == null ? "" : " (dynamic group " + p.dynamicGroup().name() + ": "
                        + p.dynamicGroup().matchingRule() + ")"))
                .orElse("see apigw/out/policies/" + set + ".statements.json");
    }
}
