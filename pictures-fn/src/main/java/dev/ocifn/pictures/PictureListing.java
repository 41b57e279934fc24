package dev.ocifn.pictures;

import com.oracle.bmc.objectstorage.model.ListObjects;
import com.oracle.bmc.objectstorage.model.ObjectSummary;
import dev.ocifn.support.Paging;
import dev.ocifn.support.Reply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of a user's pictures. Paging follows OCI's own: {@code page} is the name to start at
 * (the {@code nextPage} of the previous answer), {@code limit} how many to return; both are
 * checked by {@link Paging}. Names are shown without the {@code {userId}/} prefix, and the page
 * token is too, so a caller cannot point the listing at another user's names.
 */
final class PictureListing {
    static final int DEFAULT_LIMIT = 100;
    /**
     * The most one ListObjects call returns, as the SDK's ObjectStorage.listObjects (3.39.1)
     * documents it; {@code limit} is that call's page size.
     */
    static final int MAX_LIMIT = 1000;

    private PictureListing() {
    }

    static Reply list(PictureStore store, PicturePath path, Paging paging) {
        String prefix = path.prefix();
        PictureStore.Page page = store.list(prefix, paging.page().map(p -> prefix + p).orElse(null),
                paging.limitOr(DEFAULT_LIMIT));
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
}
