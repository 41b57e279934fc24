package dev.ocifn.pictures;

import com.fnproject.fn.api.InputEvent;
import com.fnproject.fn.api.OutputEvent;
import com.fnproject.fn.api.RuntimeContext;
import com.fnproject.fn.api.httpgateway.HTTPGatewayContext;
import com.oracle.bmc.model.BmcException;
import com.oracle.bmc.objectstorage.ObjectStorageClient;
import com.oracle.bmc.objectstorage.requests.GetNamespaceRequest;
import dev.ocifn.support.Boundary;
import dev.ocifn.support.FnError;
import dev.ocifn.support.GatewayRequest;
import dev.ocifn.support.Lazy;
import dev.ocifn.support.OciAuth;
import dev.ocifn.support.OciClients;
import dev.ocifn.support.OciErrors;
import dev.ocifn.support.Paging;
import dev.ocifn.support.Reply;
import dev.ocifn.support.Settings;
import dev.ocifn.support.WarmUp;

import java.util.Map;

/**
 * pictures-fn: each user's pictures as objects {@code {userId}/{filename}} in one Object Storage
 * bucket, behind API Gateway routes {@code /pictures/{userId}/{filename}} (POST/PUT to store,
 * GET, HEAD, DELETE; a GET of a picture too large to answer is redirected to a read PAR),
 * {@code /pictures/{userId}/{filename}/upload-url} (POST: a write PAR) and {@code /pictures/{userId}}
 * (GET: the list).
 */
public class PicturesFunction {
    static final String[] OBJECT_METHODS = {"GET", "HEAD", "PUT", "POST", "DELETE"};

    private final Boundary boundary;
    private final Lazy<PicturesConfig> config;
    private final Lazy<PictureStore> store;

    public PicturesFunction(RuntimeContext context) {
        Settings settings = Settings.of(context);
        // Fn's own 6 MB is the default: a picture is as large as a function body may be.
        boundary = Boundary.forFunction("pictures-fn", settings, Boundary.FN_BODY_LIMIT);
        config = Lazy.of(() -> PicturesConfig.from(settings));
        Lazy<OciAuth> auth = Lazy.of(() -> OciAuth.from(settings));
        Lazy<ObjectStorageClient> client = Lazy.of(() ->
                OciClients.build(ObjectStorageClient.builder(), auth.get(), settings));
        // One GetNamespace per container at most, and none when NAMESPACE is configured.
        Lazy<String> namespace = Lazy.of(() -> config.get().namespace().orElseGet(() -> lookUpNamespace(client.get())));
        store = Lazy.of(() -> new PictureStore(client, namespace, config.get().bucket()));
        // The client only: the namespace lookup is a call to OCI, which only a call may cause.
        WarmUp.start("pictures-fn", client);
        if (settings.get(UserIsolation.USER_ISOLATION).filter(v -> v.trim().equalsIgnoreCase("off")).isPresent()) {
            System.err.println(UserIsolation.OFF_WARNING);
        }
    }

    public OutputEvent handleRequest(HTTPGatewayContext gateway, InputEvent event) {
        return boundary.run(gateway, event, this::handle);
    }

    /** HEAD answers carry no body, errors included: status and headers say it all. */
    private Reply handle(GatewayRequest request) {
        if (!request.method().equals("HEAD")) {
            return route(request);
        }
        try {
            return PictureReplies.withoutBody(route(request));
        } catch (FnError e) {
            return PictureReplies.withoutBody(Reply.error(e));
        } catch (BmcException e) {
            return PictureReplies.withoutBody(Reply.error(OciErrors.toFnError(e)));
        }
    }

    private Reply route(GatewayRequest request) {
        PicturesConfig c = config.get();
        PicturePath path = PicturePath.parse(request.rawPath());
        if (path.isUploadUrl()) {
            request.allow("POST");
            c.isolation().check(request, path.userId());
            return links(c).uploadUrl(path);
        }
        if (path.isList()) {
            request.allow("GET");
            c.isolation().check(request, path.userId());
            Paging paging = Paging.fromQuery(request, PictureListing.MAX_LIMIT);
            return PictureListing.list(store.get(), path, paging);
        }
        request.allow(OBJECT_METHODS);
        c.isolation().check(request, path.userId());
        switch (request.method()) {
            case "PUT":
            case "POST":
                return upload(request, path, c);
            case "GET":
                return download(request, path, c);
            case "HEAD":
                return PictureReplies.head(store.get().head(path.objectName(), ifNoneMatch(request)));
            default:
                return Reply.empty(204).header("opc-request-id", store.get().delete(path.objectName()));
        }
    }

    private Reply upload(GatewayRequest request, PicturePath path, PicturesConfig c) {
        Upload upload = Upload.from(request, c.maxUploadBytes(), c.allowedTypes());
        PictureStore.Put put = store.get().put(path.objectName(), upload);
        return PictureReplies.created(path, upload, put, request.rawPath());
    }

    /**
     * The bytes, when the picture fits into an answer ({@code INLINE_MAX_BYTES}); otherwise, or
     * when the caller asks with {@code ?redirect=true}, a 307 to a read PAR.
     */
    private Reply download(GatewayRequest request, PicturePath path, PicturesConfig c) {
        boolean redirect = request.query("redirect").map(PicturesFunction::redirectParameter).orElse(false);
        if (redirect) {
            return links(c).redirect(path);
        }
        PictureStore.Stored stored = store.get().get(path.objectName(), ifNoneMatch(request), c.inlineMaxBytes());
        return stored.tooLarge() ? links(c).redirect(path) : PictureReplies.download(stored);
    }

    private PictureLinks links(PicturesConfig c) {
        return new PictureLinks(store.get(), c, System.err);
    }

    private static boolean redirectParameter(String value) {
        if (value.equals("true")) {
            return true;
        }
        if (value.equals("false")) {
            return false;
        }
        throw FnError.badInput("redirect", "must be true or false");
    }

    /** Passed to OCI in a header: one ETag or {@code *}, printable and short. */
    private static String ifNoneMatch(GatewayRequest request) {
        String value = request.header("If-None-Match").orElse(null);
        if (value != null && (value.length() > 256 || !value.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7F))) {
            throw FnError.badInput("If-None-Match", "must be an ETag from an earlier answer");
        }
        return value;
    }

    private static String lookUpNamespace(ObjectStorageClient client) {
        String ns = client.getNamespace(GetNamespaceRequest.builder().build()).getValue();
        if (ns == null || !PicturesConfig.NAMESPACE_VALUE.matcher(ns).matches()) {
            // Kept by the Lazy like a configuration error: an unusable answer here will not fix itself.
            throw new FnError(502, "BadGateway", "Object Storage answered an unusable namespace", null, Map.of());
        }
        return ns;
    }
}
