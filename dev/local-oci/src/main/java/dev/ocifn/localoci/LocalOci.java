package dev.ocifn.localoci;

import dev.ocifn.localoci.objectstorage.ObjectStorageApi;
import dev.ocifn.localoci.objectstorage.PreauthenticatedRequests;
import dev.ocifn.localoci.predict.ModelDataSet;
import dev.ocifn.localoci.predict.PredictApi;
import dev.ocifn.localoci.search.ResourceDataSet;
import dev.ocifn.localoci.search.SearchApi;
import dev.ocifn.localoci.usage.UsageApi;
import dev.ocifn.localoci.usage.UsageDataSet;
import dev.ocifn.ocifake.FakeOciServer;
import dev.ocifn.ocifake.RecordedRequest;
import dev.ocifn.ocifake.StubResponse;
import dev.ocifn.ocifake.TrustStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The four OCI APIs the functions call, on one local endpoint that verifies every request's
 * signature (it is an {@link FakeOciServer} underneath) and checks its shape as OCI does:
 * Usage and Resource Search answered from the data set's usage.json and resources.json,
 * Object Storage on disk in {@code storeDir} (kept across restarts), and model-deployment
 * predict from models.json. The data set files are read again when they change.
 */
public final class LocalOci implements AutoCloseable {
    /** The Object Storage namespace of the local tenancy. */
    public static final String NAMESPACE = "localns";
    /** The compartment buckets made with {@link #createBucket(String)} belong to. */
    public static final String COMPARTMENT_ID = "ocid1.compartment.oc1..aaaaaaaalocalocilocalocilocalocilocalocilocaloci";
    /** The files of a data set; {@link #copyDefaultDataSet(Path)} writes the shipped ones. */
    public static final List<String> DATA_SET_FILES = List.of(UsageDataSet.FILE, ResourceDataSet.FILE, ModelDataSet.FILE);

    private static final System.Logger LOG = System.getLogger(LocalOci.class.getName());
    private static final int KEPT_CALLS = 200;
    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH");

    private final FakeOciServer server;
    private final Path dataSetDir;
    private final Path storeDir;
    private final ObjectStorageApi objectStorage;
    private final DataSetFile<ModelDataSet> models;
    private final Deque<OciCall> calls = new ArrayDeque<>();
    private final Deque<String> rejections = new ArrayDeque<>();
    /** Path patterns and the methods each answers, for 405 versus 404. */
    private final Map<Pattern, List<String>> known = new LinkedHashMap<>();
    /** Every operation name a route answers, for {@link #deny}. */
    private final Set<String> served = new HashSet<>();
    private volatile Set<String> denied = Set.of();

    private LocalOci(FakeOciServer server, Path dataSetDir, Path storeDir, Clock clock) {
        this.server = server;
        this.dataSetDir = dataSetDir;
        this.storeDir = storeDir;
        DataSetFile<UsageDataSet> usage = new DataSetFile<>(dataSetDir.resolve(UsageDataSet.FILE), UsageDataSet::parse, UsageDataSet.EMPTY);
        DataSetFile<ResourceDataSet> resources = new DataSetFile<>(dataSetDir.resolve(ResourceDataSet.FILE),
                ResourceDataSet::parse, ResourceDataSet.EMPTY);
        this.models = new DataSetFile<>(dataSetDir.resolve(ModelDataSet.FILE), ModelDataSet::parse, ModelDataSet.EMPTY);
        for (DataSetFile<?> file : List.of(usage, resources, models)) {
            try {
                file.get();
            } catch (OciError e) {
                throw new IllegalArgumentException(e.getMessage());
            }
            if (!Files.exists(file.path())) {
                LOG.log(System.Logger.Level.WARNING, "local-oci: " + file.path() + " does not exist; its API answers from an empty data set");
            }
        }
        this.objectStorage = new ObjectStorageApi(storeDir, NAMESPACE, COMPARTMENT_ID);
        routes(new UsageApi(usage), new SearchApi(resources), new PredictApi(models), clock);
    }

    /**
     * Starts on 127.0.0.1 on a free port.
     *
     * @param trust      the keys and resource-principal issuers whose signatures are accepted
     * @param dataSetDir the folder of usage.json, resources.json and models.json (a missing file is an empty data set)
     * @param storeDir   the folder Object Storage keeps buckets and objects in, created when absent
     * @throws IllegalArgumentException when a data set file is invalid (the message says where)
     */
    public static LocalOci start(TrustStore trust, Path dataSetDir, Path storeDir) {
        return start(trust, dataSetDir, storeDir, Clock.systemUTC());
    }

    /** As {@link #start(TrustStore, Path, Path)}, with the clock that pre-authenticated requests expire by. */
    public static LocalOci start(TrustStore trust, Path dataSetDir, Path storeDir, Clock clock) {
        FakeOciServer server = FakeOciServer.start(trust);
        try {
            LocalOci local = new LocalOci(server, dataSetDir.toAbsolutePath(), storeDir.toAbsolutePath(), clock);
            LOG.log(System.Logger.Level.INFO, "local-oci listening on " + local.endpoint() + " (data set " + local.dataSetDir
                    + ", object store " + local.storeDir + ")");
            return local;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Writes the shipped default data set files into {@code dir}, leaving files that exist alone. */
    public static void copyDefaultDataSet(Path dir) {
        try {
            Files.createDirectories(dir);
            for (String file : DATA_SET_FILES) {
                Path target = dir.resolve(file);
                if (Files.exists(target)) {
                    continue;
                }
                try (InputStream in = LocalOci.class.getResourceAsStream("default-data/" + file)) {
                    if (in == null) {
                        throw new IllegalStateException("the default data set is missing " + file);
                    }
                    Files.copy(in, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: the OCI_ENDPOINT of the functions. */
    public String endpoint() {
        return server.endpoint();
    }

    /** See {@link ContinueGate}: requests relayed by a front on {@code hostAndPort} name it as their host. */
    void frontedBy(String hostAndPort) {
        server.frontedBy(hostAndPort);
    }

    public int port() {
        return server.port();
    }

    public String namespace() {
        return NAMESPACE;
    }

    public Path dataSetDir() {
        return dataSetDir;
    }

    public Path storeDir() {
        return storeDir;
    }

    /** Creates the bucket (on disk too) unless it exists. */
    public void createBucket(String name) {
        objectStorage.createBucket(name);
    }

    /** The bucket names in the store, sorted. */
    public List<String> buckets() {
        return objectStorage.bucketNames();
    }

    /** The URL a function posts to for this deployment: {@code endpoint()/<ocid>/predict}. */
    public String predictUrl(String modelDeploymentOcid) {
        return endpoint() + "/" + modelDeploymentOcid + "/predict";
    }

    /** The model deployment OCIDs of the data set as it is now. */
    public List<String> modelDeployments() {
        return models.get().deployments().keySet().stream().sorted().toList();
    }

    /** The latest verified calls, oldest first (at most 200). */
    public synchronized List<OciCall> calls() {
        return new ArrayList<>(calls);
    }

    /** Why the latest refused requests failed their signature check, oldest first. */
    public synchronized List<String> rejections() {
        List<String> all = new ArrayList<>(rejections);
        all.addAll(server.rejections());
        return all;
    }

    @Override
    public void close() {
        server.close();
    }

    private void routes(UsageApi usage, SearchApi search, PredictApi predict, Clock clock) {
        for (String method : METHODS) {
            server.on(method, ".*", guarded(this::unknown));
        }
        server.bodyNotSignedFor(ObjectStorageApi::bodyUnsigned);
        route("RequestSummarizedUsages", "POST", Pattern.compile(UsageApi.PATH), usage::summarize);
        route("SearchResources", "POST", Pattern.compile(SearchApi.PATH), search::search);
        route("GetNamespace", "GET", ObjectStorageApi.NAMESPACE, objectStorage::namespace);
        route("CreateBucket", "POST", ObjectStorageApi.BUCKETS, objectStorage::createBucket);
        route("GetBucket", "GET", ObjectStorageApi.BUCKET, objectStorage::bucket);
        route("HeadBucket", "HEAD", ObjectStorageApi.BUCKET, objectStorage::bucket);
        route("ListObjects", "GET", ObjectStorageApi.OBJECTS, objectStorage::list);
        route("PutObject", "PUT", ObjectStorageApi.OBJECT, objectStorage::put);
        route("GetObject", "GET", ObjectStorageApi.OBJECT, objectStorage::get);
        route("HeadObject", "HEAD", ObjectStorageApi.OBJECT, objectStorage::head);
        route("DeleteObject", "DELETE", ObjectStorageApi.OBJECT, objectStorage::delete);
        PreauthenticatedRequests pars = objectStorage.pars(clock, this::endpoint);
        route("CreatePreauthenticatedRequest", "POST", PreauthenticatedRequests.CREATE, pars::create);
        // The PAR URLs: no signature (the URL is the credential), bodies streamed to and from disk.
        server.serveUnsigned(PreauthenticatedRequests.PREFIX, pars::serve);
        route("Predict", "POST", PredictApi.PATH, predict::predict);
    }

    private void route(String operation, String method, Pattern path, FakeOciServer.Responder responder) {
        known.computeIfAbsent(path, p -> new ArrayList<>()).add(method);
        served.add(operation);
        server.on(method, path.pattern(), guarded(request -> {
            if (denied.contains(operation)) {
                // What OCI answers a principal that no policy allows the operation (and a missing resource).
                return notAuthorizedOrNotFound();
            }
            return responder.respond(request);
        }));
    }

    /**
     * From now on, answers these operations (API reference names such as {@code ListObjects}) as
     * OCI does when no policy grants them: 404 {@code NotAuthorizedOrNotFound}. Empty allows all.
     *
     * @throws IllegalArgumentException for a name local OCI does not serve
     */
    public void deny(Set<String> operations) {
        for (String op : operations) {
            if (!served.contains(op)) {
                throw new IllegalArgumentException("local OCI has no operation " + op + "; it has " + new TreeSet<>(served));
            }
        }
        denied = Set.copyOf(operations);
    }

    private static StubResponse notAuthorizedOrNotFound() {
        return Replies.error(404, "NotAuthorizedOrNotFound", "Authorization failed or requested resource not found.");
    }

    /** A path no API has: 404 as OCI answers it; a known path with another method: 405. */
    private StubResponse unknown(RecordedRequest request) {
        for (Map.Entry<Pattern, List<String>> e : known.entrySet()) {
            if (e.getKey().matcher(request.rawPath()).matches()) {
                return Replies.error(405, "MethodNotAllowed", request.method() + " is not allowed here")
                        .header("Allow", String.join(", ", e.getValue()));
            }
        }
        return notAuthorizedOrNotFound();
    }

    /**
     * Turns refusals into OCI error answers and anything unexpected into a 500, keeps a short
     * record of the call, and clears the server's request log, which holds whole bodies and
     * would otherwise grow for as long as the local stack runs.
     */
    private FakeOciServer.Responder guarded(FakeOciServer.Responder responder) {
        return request -> {
            StubResponse response;
            try {
                response = responder.respond(request);
            } catch (OciError e) {
                response = Replies.error(e);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "local-oci: " + request.method() + " " + request.rawPath() + " failed", e);
                response = Replies.error(500, "InternalServerError", "local-oci could not answer: " + e.getClass().getSimpleName());
            }
            remember(request, response.status());
            return response;
        };
    }

    private synchronized void remember(RecordedRequest request, int status) {
        calls.addLast(new OciCall(request.method(), request.rawPath(), status, request.principal().tenancyId(),
                request.principal().isResourcePrincipal()));
        while (calls.size() > KEPT_CALLS) {
            calls.removeFirst();
        }
        rejections.addAll(server.rejections());
        while (rejections.size() > KEPT_CALLS) {
            rejections.removeFirst();
        }
        server.reset();
        LOG.log(System.Logger.Level.DEBUG, () -> "local-oci: " + request.method() + " " + request.rawPath() + " -> " + status);
    }
}
