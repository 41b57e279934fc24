package dev.ocifn.pictures;

import com.oracle.bmc.objectstorage.model.ListObjects;
import com.oracle.bmc.objectstorage.model.ObjectSummary;
import dev.ocifn.support.FnError;
import dev.ocifn.support.GatewayRequest;
import dev.ocifn.support.Reply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One page of a user's pictures. Paging follows OCI's own: {@code page} is the name to start at
 * (the {@code nextPage} of the previous answer), {@code limit} how many to return. Names are
 * shown without the {@code {userId}/} prefix, and the page token is too, so a caller cannot point
 * the listing at another user's names.
 */
final class PictureListing {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private PictureListing() {
    }

    record Query(int limit, Optional<String> page) {
    }

    static Query query(GatewayRequest request) {
        int limit = request.query("limit").map(PictureListing::limit).orElse(DEFAULT_LIMIT);
        Optional<String> page = request.query("page");
        if (page.isPresent() && (page.get().isEmpty() || page.get().length() > 1024
                || page.get().chars().anyMatch(Character::isISOControl))) {
            throw FnError.badInput("page", "must be the nextPage value of an earlier answer");
        }
        return new Query(limit, page);
    }

    static Reply list(PictureStore store, PicturePath path, Query query) {
        String prefix = path.prefix();
        PictureStore.Page page = store.list(prefix, query.page().map(p -> prefix + p).orElse(null), query.limit());
        ListObjects objects = page.objects();
        List<Map<String, Object>> items = new ArrayList<>();
        if (objects != null && objects.getObjects() != null) {
            for (ObjectSummary o : objects.getObjects()) {
                if (o.getName() != null && o.getName().startsWith(prefix)) {
                    items.add(item(o, o.getName().substring(prefix.length())));
                }
            }
        }
        String next = objects == null ? null : objects.getNextStartWith();
        // A next name outside the prefix means this user's names are exhausted.
        String nextPage = next != null && next.startsWith(prefix) ? next.substring(prefix.length()) : null;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", path.userId());
        body.put("items", items);
        if (nextPage != null) {
            body.put("nextPage", nextPage);
        }
        return Reply.json(200, body).header("opc-next-page", nextPage).header("opc-request-id", page.opcRequestId());
    }

    private static Map<String, Object> item(ObjectSummary o, String name) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("name", name);
        item.put("size", o.getSize());
        // OCI lists no content types; this is what the name says. GET and HEAD give the stored one.
        ImageType.guessFromName(name).ifPresent(t -> item.put("contentType", t.mime()));
        if (o.getTimeCreated() != null) {
            item.put("timeCreated", o.getTimeCreated().toInstant().toString());
        }
        if (o.getEtag() != null) {
            item.put("etag", o.getEtag());
        }
        if (o.getMd5() != null) {
            item.put("md5", o.getMd5());
        }
        return item;
    }

    private static int limit(String raw) {
        try {
            int v = Integer.parseInt(raw);
            if (v >= 1 && v <= MAX_LIMIT) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw FnError.badInput("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }
}
