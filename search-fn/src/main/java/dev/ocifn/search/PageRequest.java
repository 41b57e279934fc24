package dev.ocifn.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocifn.support.FnError;
import dev.ocifn.support.GatewayRequest;
import dev.ocifn.support.Paging;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Which page to fetch ({@code limit}, {@code page}, checked by {@link Paging}) and for which
 * tenancy ({@code tenantId}). Through the gateway these are query parameters, as in OCI's own
 * API; {@code fn invoke} has no query string, so the same three may also be top-level body
 * fields. Giving one both ways is refused rather than guessing which one the caller meant.
 */
record PageRequest(Optional<Integer> limit, Optional<String> page, Optional<String> tenantId) {
    /** The names these have as body fields. */
    static final List<String> FIELDS = List.of(Paging.LIMIT, Paging.PAGE, "tenantId");
    /** The range the SDK's SearchResourcesRequest (3.39.1) documents for {@code limit}. */
    static final int MAX_LIMIT = 1000;
    /** ocid1.tenancy.&lt;realm&gt;.[region][.future use].&lt;unique id&gt; */
    private static final Pattern TENANCY = Pattern.compile("ocid1\\.tenancy\\.[a-z0-9-]+\\.[a-z0-9-]*(\\.[a-z0-9-]+)?\\.[a-z0-9]+");

    static PageRequest from(GatewayRequest request, ObjectNode body) {
        Optional<Integer> limit = pick(request, body, Paging.LIMIT, raw -> Paging.limit(raw, MAX_LIMIT),
                node -> Paging.limit(node, MAX_LIMIT));
        Optional<String> page = pick(request, body, Paging.PAGE, Paging::page, Paging::page);
        Optional<String> tenant = pick(request, body, "tenantId", PageRequest::tenancy, node -> tenancy(text(node, "tenantId",
                "must be a tenancy OCID (ocid1.tenancy...), as a string")));
        return new PageRequest(limit, page, tenant);
    }

    /** The value from the query or the body (removed from it), never from both. */
    private static <T> Optional<T> pick(GatewayRequest request, ObjectNode body, String name,
                                        Function<String, T> fromQuery, Function<JsonNode, T> fromBody) {
        Optional<String> query = request.query(name);
        JsonNode field = body.remove(name);
        if (query.isPresent() && field != null) {
            throw FnError.badInput(name, "is given both as a query parameter and in the body; give it once");
        }
        if (field != null) {
            return Optional.of(fromBody.apply(field));
        }
        return query.map(fromQuery);
    }

    private static String tenancy(String raw) {
        if (raw.length() > 255 || !TENANCY.matcher(raw).matches()) {
            throw FnError.badInput("tenantId", "must be a tenancy OCID (ocid1.tenancy...)");
        }
        return raw;
    }

    private static String text(JsonNode node, String field, String problem) {
        if (!node.isTextual()) {
            throw FnError.badInput(field, problem);
        }
        return node.textValue();
    }
}
