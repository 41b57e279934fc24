package dev.ocifn.localoci.objectstorage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocifn.localoci.OciError;
import dev.ocifn.localoci.Paging;
import dev.ocifn.localoci.Replies;
import dev.ocifn.ocifake.RecordedRequest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * ListObjects: objects in name order from {@code start} (inclusive) or after {@code startAfter},
 * before {@code end}, under {@code prefix}; with {@code delimiter=/} the names below the next "/"
 * roll up into {@code prefixes}. Each summary has the name plus the {@code fields} asked for;
 * {@code nextStartWith} names where the next page starts.
 */
final class ObjectListing {
    static final int MAX_LIMIT = 1000;
    /** The names ListObjects accepts in {@code fields}, case-insensitive. */
    private static final Map<String, String> FIELDS = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    static {
        for (String field : List.of("name", "size", "etag", "md5", "timeCreated", "timeModified", "storageTier", "archivalState")) {
            FIELDS.put(field, field);
        }
    }

    private ObjectListing() {
    }

    static ObjectNode list(ObjectStore store, String bucket, RecordedRequest request) {
        String prefix = request.query("prefix").orElse("");
        String start = request.query("start").orElse("");
        String startAfter = request.query("startAfter").orElse(null);
        String end = request.query("end").orElse(null);
        int limit = Paging.limit(request.query("limit"), MAX_LIMIT, MAX_LIMIT);
        String delimiter = request.query("delimiter").orElse(null);
        if (delimiter != null && !delimiter.equals("/")) {
            throw OciError.invalid("delimiter: only '/' is supported");
        }
        Set<String> fields = fields(request.query("fields").orElse("name"));

        String from = start.compareTo(prefix) > 0 ? start : prefix;
        List<ObjectNode> objects = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String next = null;
        for (StoredObject object : store.objectsFrom(bucket, from)) {
            String name = object.name();
            if (!name.startsWith(prefix)) {
                if (name.compareTo(prefix) > 0) {
                    break;
                }
                continue;
            }
            if (end != null && name.compareTo(end) >= 0) {
                break;
            }
            if (startAfter != null && name.compareTo(startAfter) <= 0) {
                continue;
            }
            String rolledUp = rolledUp(name, prefix, delimiter);
            if (rolledUp != null && !prefixes.isEmpty() && prefixes.get(prefixes.size() - 1).equals(rolledUp)) {
                continue;
            }
            if (objects.size() + prefixes.size() == limit) {
                next = rolledUp != null ? rolledUp : name;
                break;
            }
            if (rolledUp != null) {
                prefixes.add(rolledUp);
            } else {
                objects.add(summary(object, fields));
            }
        }
        ObjectNode answer = Replies.JSON.createObjectNode();
        ArrayNode list = answer.putArray("objects");
        objects.forEach(list::add);
        if (delimiter != null) {
            ArrayNode p = answer.putArray("prefixes");
            prefixes.forEach(p::add);
        }
        if (next != null) {
            answer.put("nextStartWith", next);
        }
        return answer;
    }

    /** With a delimiter, the prefix a name rolls up into ("a/b/c" under "a/" gives "a/b/"); null when none. */
    private static String rolledUp(String name, String prefix, String delimiter) {
        if (delimiter == null) {
            return null;
        }
        int at = name.indexOf(delimiter, prefix.length());
        return at < 0 ? null : name.substring(0, at + delimiter.length());
    }

    private static Set<String> fields(String raw) {
        Set<String> fields = new LinkedHashSet<>();
        fields.add("name");
        for (String field : raw.split(",")) {
            String canonical = FIELDS.get(field.trim());
            if (canonical == null) {
                throw OciError.invalid("fields: '" + field.trim() + "' is not one of " + String.join(", ", FIELDS.values()));
            }
            fields.add(canonical);
        }
        return fields;
    }

    private static ObjectNode summary(StoredObject object, Set<String> fields) {
        ObjectNode summary = Replies.JSON.createObjectNode().put("name", object.name());
        for (String field : fields) {
            switch (field.toLowerCase(Locale.ROOT)) {
                case "size" -> summary.put("size", object.size());
                case "etag" -> summary.put("etag", object.etag());
                case "md5" -> summary.put("md5", object.md5());
                case "timecreated" -> summary.put("timeCreated", object.timeCreated());
                case "timemodified" -> summary.put("timeModified", object.timeModified());
                case "storagetier" -> summary.put("storageTier", "Standard");
                default -> {
                    // name is always there; archivalState applies to archived objects only
                }
            }
        }
        return summary;
    }
}
