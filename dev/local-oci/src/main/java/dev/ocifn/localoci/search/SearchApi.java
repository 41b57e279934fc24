package dev.ocifn.localoci.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocifn.localoci.DataSetFile;
import dev.ocifn.localoci.JsonFields;
import dev.ocifn.localoci.OciError;
import dev.ocifn.localoci.Paging;
import dev.ocifn.localoci.Replies;
import dev.ocifn.localoci.RequestBodies;
import dev.ocifn.ocifake.RecordedRequest;
import dev.ocifn.ocifake.StubResponse;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Resource Search's {@code POST /20180409/resources} (SearchResources), answered from
 * resources.json: Structured queries (see {@link StructuredQuery}) and FreeText searches,
 * HIGHLIGHTS filling each summary's searchContext, paged with opc-next-page.
 */
public final class SearchApi {
    public static final String PATH = "/20180409/resources";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private static final JsonFields F = JsonFields.REQUEST;

    private final DataSetFile<ResourceDataSet> data;

    public SearchApi(DataSetFile<ResourceDataSet> data) {
        this.data = data;
    }

    public StubResponse search(RecordedRequest request) {
        ObjectNode body = RequestBodies.jsonObject(request);
        String caller = request.principal().tenancyId();
        if (request.query("tenantId").filter(t -> !t.equals(caller)).isPresent()) {
            // No cross-tenancy policies exist here: another tenancy is one the caller may not see.
            throw OciError.notFound("Authorization failed or requested resource not found.");
        }
        Paging.limit(request.query("limit"), DEFAULT_LIMIT, MAX_LIMIT);
        String type = F.text(body, "", "type").orElseThrow(() -> F.problem("type: is required (Structured or FreeText)"));
        boolean highlights = matchingContext(body);
        List<ObjectNode> found = switch (type) {
            case "Structured" -> structured(body, highlights);
            case "FreeText" -> freeText(body, highlights);
            default -> throw F.problem("type: '" + type + "' is not one of Structured, FreeText");
        };
        Paging.Page<ObjectNode> page = Paging.slice(found, request, DEFAULT_LIMIT, MAX_LIMIT,
                Paging.fingerprint("search", caller, body.toString()));
        ObjectNode answer = Replies.JSON.createObjectNode();
        answer.putArray("items").addAll(page.items());
        return Replies.withHeader(Replies.json(200, answer), "opc-next-page", page.next());
    }

    private static boolean matchingContext(ObjectNode body) {
        String context = F.text(body, "", "matchingContextType").orElse("NONE");
        if (!context.equals("NONE") && !context.equals("HIGHLIGHTS")) {
            throw F.problem("matchingContextType: '" + context + "' is not one of NONE, HIGHLIGHTS");
        }
        return context.equals("HIGHLIGHTS");
    }

    private List<ObjectNode> structured(ObjectNode body, boolean highlights) {
        F.allowOnly(body, "", List.of("type", "query", "matchingContextType"));
        StructuredQuery query = StructuredQuery.parse(F.requiredText(body, "", "query"));
        List<ObjectNode> matches = new ArrayList<>();
        for (ObjectNode resource : data.get().resources()) {
            if (!query.typeMatches(resource) || !query.where().test(resource)) {
                continue;
            }
            Map<String, List<String>> context = query.matching() == null ? null
                    : TextMatch.highlights(resource, query.matching());
            if (context != null && context.isEmpty()) {
                continue;
            }
            matches.add(resource);
        }
        matches.sort(query.order());
        List<ObjectNode> answers = new ArrayList<>();
        for (ObjectNode resource : matches) {
            ObjectNode summary = summary(resource, query.allAdditionalFields(), query.returnFields());
            if (highlights && query.matching() != null) {
                withHighlights(summary, TextMatch.highlights(resource, query.matching()));
            }
            answers.add(summary);
        }
        return answers;
    }

    private List<ObjectNode> freeText(ObjectNode body, boolean highlights) {
        F.allowOnly(body, "", List.of("type", "text", "matchingContextType"));
        String text = F.requiredText(body, "", "text");
        List<ObjectNode> matches = new ArrayList<>();
        for (ObjectNode resource : data.get().resources()) {
            if (!TextMatch.highlights(resource, text).isEmpty()) {
                matches.add(resource);
            }
        }
        matches.sort(StructuredQuery.NEWEST_FIRST);
        List<ObjectNode> answers = new ArrayList<>();
        for (ObjectNode resource : matches) {
            ObjectNode summary = summary(resource, false, List.of());
            if (highlights) {
                withHighlights(summary, TextMatch.highlights(resource, text));
            }
            answers.add(summary);
        }
        return answers;
    }

    /** The resource as a ResourceSummary: additionalDetails only as far as the query asked for them. */
    private static ObjectNode summary(ObjectNode resource, boolean allAdditional, List<String> returnFields) {
        ObjectNode summary = resource.deepCopy();
        ObjectNode details = (ObjectNode) summary.remove("additionalDetails");
        if (details == null || allAdditional) {
            if (details != null) {
                summary.set("additionalDetails", details);
            }
            return summary;
        }
        ObjectNode chosen = Replies.JSON.createObjectNode();
        for (Iterator<String> names = details.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (returnFields.stream().anyMatch(name::equalsIgnoreCase)) {
                chosen.set(name, details.get(name));
            }
        }
        if (!chosen.isEmpty()) {
            summary.set("additionalDetails", chosen);
        }
        return summary;
    }

    private static void withHighlights(ObjectNode summary, Map<String, List<String>> highlights) {
        summary.putObject("searchContext").set("highlights", Replies.JSON.valueToTree(highlights));
    }
}
