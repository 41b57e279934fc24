package dev.ocifn.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocifn.support.FnError;
import dev.ocifn.support.GatewayRequest;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Which page to fetch ({@code limit}, {@code page}) and for which tenancy ({@code tenantId}).
 * Through the gateway these are query parameters, as in OCI's own API; {@code fn invoke} has no
 * query string, so the same three may also be top-level body fields. Giving one both ways is
 * refused rather than guessing which one the caller meant.
 */
record PageRequest(Optional<Integer> limit, Optional<String> page, Optional<String> tenantId) {
    /** The names these have as body fields. */
    static final List<String> FIELDS = List.of("limit", "page", "tenantId");
    static final int MAX_LIMIT = 1000;
    static final int MAX_PAGE_TOKEN = 4096;
    /** ocid1.tenancy.&lt;realm&gt;.[region][.future use].&lt;unique id&gt; */
    private static final Pattern TENANCY = Pattern.compile("ocid1\\.tenancy\\.[a-z0-9-]+\\.[a-z0-9-]*(\\.[a-z0-9-]+)?\\.[a-z0-9]+");

    static PageRequest from(GatewayRequest request, ObjectNode body) {
        Optional<Integer> limit = pick(request, body, "limit", PageRequest::limitFromQuery, PageRequest::limitFromBody);
        Optional<String> page = pick(request, body, "page", PageRequest::page, node -> page(text(node, "page",
                "must be the nextPage token of an earlier answer, as a string")));
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

    private static int limitFromQuery(String raw) {
        try {
            return checkedLimit(Integer.parseInt(raw));
        } catch (NumberFormatException e) {
            throw badLimit();
        }
    }

    private static int limitFromBody(JsonNode node) {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw badLimit();
        }
        return checkedLimit(node.intValue());
    }

    private static int checkedLimit(int value) {
        if (value < 1 || value > MAX_LIMIT) {
            throw badLimit();
        }
        return value;
    }

    private static FnError badLimit() {
        return FnError.badInput("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }

    /**
     * OCI's page tokens are opaque but printable; anything else (empty, spaces, control
     * characters, huge) is not one, and a {@code null} is refused because a script that copies
     * a missing nextPage would otherwise start again at page one forever.
     */
    private static String page(String raw) {
        if (raw.isEmpty() || raw.length() > MAX_PAGE_TOKEN || !raw.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw FnError.badInput("page", "must be the nextPage token of an earlier answer (printable, at most "
                    + MAX_PAGE_TOKEN + " characters)");
        }
        return raw;
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
