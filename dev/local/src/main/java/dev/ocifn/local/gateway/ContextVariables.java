package dev.ocifn.local.gateway;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API Gateway's context variables in header values: {@code ${request.auth[claim]}},
 * {@code ${request.path[param]}}, {@code ${request.headers[name]}} and
 * {@code ${request.query[name]}}. A missing value becomes "", and of a repeated value (a JSON
 * array claim, a repeated header) only the first is used, as OCI documents.
 */
final class ContextVariables {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{request\\.(auth|path|headers|query)\\[([^\\]]+)]}");

    private final Map<String, Object> claims;
    private final Map<String, String> pathParams;
    private final Map<String, String> headers;
    private final Map<String, String> query;

    ContextVariables(Map<String, Object> claims, Map<String, String> pathParams,
                     Map<String, String> headers, Map<String, String> query) {
        this.claims = claims;
        this.pathParams = pathParams;
        this.headers = headers;
        this.query = query;
    }

    String substitute(String template) {
        Matcher m = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1), m.group(2))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String value(String table, String key) {
        Object v = switch (table) {
            case "auth" -> claims.get(key);
            case "path" -> pathParams.get(key);
            case "headers" -> headers.get(key.toLowerCase());
            default -> query.get(key);
        };
        if (v instanceof List<?> list) {
            v = list.isEmpty() ? null : list.get(0);
        }
        return v == null ? "" : String.valueOf(v);
    }
}
