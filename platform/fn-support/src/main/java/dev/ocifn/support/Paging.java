package dev.ocifn.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * The page a caller asks for: {@code page}, the token of the next page from an earlier answer,
 * and {@code limit}, how many items at most. Every function checks both here, so a bad value gets
 * the same 400 everywhere, naming the field. Each function passes the largest {@code limit} its
 * OCI API takes; whether a missing {@code limit} means OCI's default or one of the function's own
 * is the function's choice ({@link #limitOr}).
 *
 * <p>The token rule: a token is what an HTTP header can carry. OCI hands it out as the
 * {@code opc-next-page} response header, and the functions hand it on in their own
 * {@code opc-next-page} header. A header value is visible ASCII and spaces, never control
 * characters, and never starts or ends with a space (RFC 9110, section 5.5, "Field Values";
 * tabs and obsolete non-ASCII text are left out here too). pictures-fn's token is an object name
 * (Object Storage's {@code nextStartWith}), and every name pictures-fn writes is in that set.
 * The token also goes back into the query string of the next OCI call: the SDK
 * percent-encodes it there, so reserved characters such as {@code + / = &} arrive intact; and
 * without control characters it cannot split the header a function hands it on in.
 *
 * <p>The length bound: OCI documents none for {@code page} (oracle/oci-java-sdk v3.39.1,
 * RequestSummarizedUsagesRequest and SearchResourcesRequest, only say it is the page at which
 * to start retrieving results; unconfirmed). The bound is well above the longest object name
 * Object Storage allows, so it admits every {@code start} pictures-fn can send, and it refuses
 * only what is plainly not a token before any OCI call is made.
 */
public record Paging(Optional<String> page, Optional<Integer> limit) {
    public static final String PAGE = "page";
    public static final String LIMIT = "limit";
    /** The longest token accepted. */
    public static final int MAX_TOKEN = 4096;

    /** {@code page} and {@code limit} from the query string of a gateway call; none for a plain invoke. */
    public static Paging fromQuery(GatewayRequest request, int maxLimit) {
        return fromQuery(request.query(PAGE), request.query(LIMIT), maxLimit);
    }

    static Paging fromQuery(Optional<String> page, Optional<String> limit, int maxLimit) {
        return new Paging(page.map(Paging::page), limit.map(raw -> limit(raw, maxLimit)));
    }

    /** True when the caller chose the page or its size, i.e. pages by hand. */
    public boolean chosenByCaller() {
        return page.isPresent() || limit.isPresent();
    }

    /** The caller's {@code limit}, or the function's own default without one. */
    public int limitOr(int defaultLimit) {
        return limit.orElse(defaultLimit);
    }

    /** A {@code page} token as the caller gave it, checked. */
    public static String page(String token) {
        if (token.isEmpty() || token.length() > MAX_TOKEN || token.startsWith(" ") || token.endsWith(" ")
                || !token.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw badPage();
        }
        return token;
    }

    /** A {@code page} body field: a JSON string (a {@code null} would silently restart at page one). */
    public static String page(JsonNode node) {
        if (node == null || !node.isTextual()) {
            throw badPage();
        }
        return page(node.textValue());
    }

    /** A {@code limit} query parameter, a whole number from 1 to {@code max}. */
    public static int limit(String raw, int max) {
        try {
            return checkedLimit(Integer.parseInt(raw), max);
        } catch (NumberFormatException e) {
            throw badLimit(max);
        }
    }

    /** A {@code limit} body field: a JSON integer (not a string, a fraction or {@code null}). */
    public static int limit(JsonNode node, int max) {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()) {
            throw badLimit(max);
        }
        return checkedLimit(node.intValue(), max);
    }

    private static int checkedLimit(int value, int max) {
        if (value < 1 || value > max) {
            throw badLimit(max);
        }
        return value;
    }

    private static FnError badLimit(int max) {
        return FnError.badInput(LIMIT, "must be a whole number from 1 to " + max);
    }

    private static FnError badPage() {
        return FnError.badInput(PAGE, "must be the nextPage token of an earlier answer: printable ASCII, at most "
                + MAX_TOKEN + " characters, no space at either end");
    }
}
