package dev.ocifn.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.oracle.bmc.resourcesearch.model.FreeTextSearchDetails;
import com.oracle.bmc.resourcesearch.model.SearchDetails;
import com.oracle.bmc.resourcesearch.model.SearchDetails.MatchingContextType;
import com.oracle.bmc.resourcesearch.model.StructuredSearchDetails;
import dev.ocifn.support.FieldNames;
import dev.ocifn.support.FnError;
import dev.ocifn.support.StrictJson;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The caller's SearchDetails, checked before it costs an OCI call. The SDK model is polymorphic
 * on {@code type} and quietly falls back to its base class for a missing or unknown type (which
 * would surface as a confusing "query: unknown field"), and it turns a number into a query
 * string; so the type, the search text and the field names are checked here first.
 */
final class SearchQuery {
    static final String STRUCTURED = "Structured";
    static final String FREE_TEXT = "FreeText";
    /** SearchDetails' fields over both types; the paging fields have left the body already. */
    private static final List<String> ANY_TYPE = List.of("type", "query", "text", "matchingContextType");
    private static final List<String> ALL_NAMES = concat(ANY_TYPE, PageRequest.FIELDS);
    private static final String PAGING = "and " + String.join(", ", PageRequest.FIELDS);

    private final SearchDetails details;

    private SearchQuery(SearchDetails details) {
        this.details = details;
    }

    SearchDetails details() {
        return details;
    }

    /** @param body the request body without the paging fields (see {@link PageRequest}) */
    static SearchQuery parse(ObjectNode body) {
        // Names first: a misspelled "type" or search text is reported as misspelled, not as missing.
        rejectFieldsOfNoType(body);
        String type = type(body.get("type"));
        String textField = type.equals(STRUCTURED) ? "query" : "text";
        rejectUnknownFields(body, type, List.of("type", textField, "matchingContextType"));
        String text = searchText(body.get(textField), textField, type);
        // Strict mapping still runs: it checks matchingContextType against the SDK's enum.
        MatchingContextType matching = StrictJson.read(body, SearchDetails.class).getMatchingContextType();
        // Rebuilt rather than sent as mapped, so OCI gets exactly the fields that carry a value:
        // an SDK builder writes an explicit null for any setter called, even with null.
        if (type.equals(STRUCTURED)) {
            StructuredSearchDetails.Builder b = StructuredSearchDetails.builder().query(text);
            return new SearchQuery(matching == null ? b.build() : b.matchingContextType(matching).build());
        }
        FreeTextSearchDetails.Builder b = FreeTextSearchDetails.builder().text(text);
        return new SearchQuery(matching == null ? b.build() : b.matchingContextType(matching).build());
    }

    private static String type(JsonNode type) {
        if (type == null || type.isNull()) {
            throw FnError.badInput("type", "is required and must be " + STRUCTURED + " or " + FREE_TEXT);
        }
        if (!type.isTextual() || !(type.textValue().equals(STRUCTURED) || type.textValue().equals(FREE_TEXT))) {
            throw FnError.badInput("type", "must be " + STRUCTURED + " or " + FREE_TEXT);
        }
        return type.textValue();
    }

    /**
     * A name no search type has. When the type is valid, the suggestion and the list are the
     * ones of that type (below); otherwise they are taken from every type's names.
     */
    private static void rejectFieldsOfNoType(ObjectNode body) {
        JsonNode type = body.get("type");
        if (type != null && type.isTextual() && (type.textValue().equals(STRUCTURED) || type.textValue().equals(FREE_TEXT))) {
            return;
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!ANY_TYPE.contains(name)) {
                throw FieldNames.unknown(name, name, ALL_NAMES, "allowed: type, query (type " + STRUCTURED + "), text (type "
                        + FREE_TEXT + "), matchingContextType, " + PAGING);
            }
        }
    }

    private static void rejectUnknownFields(ObjectNode body, String type, List<String> allowed) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw FieldNames.unknown(name, name, concat(allowed, PageRequest.FIELDS), "allowed for type " + type + ": "
                        + String.join(", ", allowed) + ", " + PAGING);
            }
        }
    }

    private static String searchText(JsonNode value, String field, String type) {
        if (value == null || value.isNull()) {
            throw FnError.badInput(field, "is required for type " + type);
        }
        if (!value.isTextual()) {
            throw FnError.badInput(field, "must be a string");
        }
        if (value.textValue().isBlank()) {
            throw FnError.badInput(field, "must not be empty");
        }
        return value.textValue();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
