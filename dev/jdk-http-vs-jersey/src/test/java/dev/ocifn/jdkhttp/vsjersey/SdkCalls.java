package dev.ocifn.jdkhttp.vsjersey;

import com.oracle.bmc.ClientConfiguration;
import com.oracle.bmc.auth.SimpleAuthenticationDetailsProvider;
import com.oracle.bmc.common.ClientBuilderBase;
import com.oracle.bmc.http.client.HttpProvider;
import com.oracle.bmc.http.client.ProxyConfiguration;
import com.oracle.bmc.http.client.StandardClientProperties;
import com.oracle.bmc.model.BmcException;
import com.oracle.bmc.objectstorage.ObjectStorageClient;
import com.oracle.bmc.objectstorage.requests.DeleteObjectRequest;
import com.oracle.bmc.objectstorage.requests.GetNamespaceRequest;
import com.oracle.bmc.objectstorage.requests.GetObjectRequest;
import com.oracle.bmc.objectstorage.requests.HeadObjectRequest;
import com.oracle.bmc.objectstorage.requests.ListObjectsRequest;
import com.oracle.bmc.objectstorage.requests.PutObjectRequest;
import com.oracle.bmc.objectstorage.responses.GetObjectResponse;
import com.oracle.bmc.objectstorage.responses.HeadObjectResponse;
import com.oracle.bmc.resourcesearch.ResourceSearchClient;
import com.oracle.bmc.resourcesearch.model.StructuredSearchDetails;
import com.oracle.bmc.resourcesearch.requests.SearchResourcesRequest;
import com.oracle.bmc.responses.BmcResponse;
import com.oracle.bmc.retrier.RetryConfiguration;
import com.oracle.bmc.usageapi.UsageapiClient;
import com.oracle.bmc.usageapi.model.RequestSummarizedUsagesDetails;
import com.oracle.bmc.usageapi.requests.RequestSummarizedUsagesRequest;
import com.oracle.bmc.util.CircuitBreakerUtils;
import com.oracle.bmc.waiter.FixedTimeDelayStrategy;
import com.oracle.bmc.waiter.MaxAttemptsTerminationStrategy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SDK operations the functions make, through real SDK clients built as fn-support builds them
 * (no retries, no circuit breaker) with one provider or the other, each call's outcome written as
 * a line of text that two providers must agree on.
 */
final class SdkCalls implements AutoCloseable {
    static final int READ_TIMEOUT_MS = 700;
    private static final SimpleAuthenticationDetailsProvider KEY = apiKey();

    final UsageapiClient usage;
    final ResourceSearchClient search;
    final ObjectStorageClient objects;

    SdkCalls(HttpProvider provider, String endpoint) {
        this(provider, endpoint, null, RetryConfiguration.NO_RETRY_CONFIGURATION);
    }

    /** Through an HTTP proxy, when {@code proxy} is not null; with the SDK retrying as {@code retry} says. */
    SdkCalls(HttpProvider provider, String endpoint, ProxyConfiguration proxy, RetryConfiguration retry) {
        usage = build(UsageapiClient.builder(), provider, endpoint, proxy, retry);
        search = build(ResourceSearchClient.builder(), provider, endpoint, proxy, retry);
        objects = build(ObjectStorageClient.builder(), provider, endpoint, proxy, retry);
    }

    /** The SDK tries a call twice, 10 ms apart, whatever failed: a retry's trigger without the wait. */
    static RetryConfiguration twoAttempts() {
        return RetryConfiguration.builder()
                .terminationStrategy(new MaxAttemptsTerminationStrategy(2))
                .delayStrategy(new FixedTimeDelayStrategy(10))
                .retryCondition(e -> true)
                .build();
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static <C> C build(ClientBuilderBase<?, C> builder, HttpProvider provider, String endpoint, ProxyConfiguration proxy,
                               RetryConfiguration retry) {
        if (proxy != null) {
            builder.additionalClientConfigurator(http -> http.property(StandardClientProperties.PROXY, proxy));
        }
        ClientConfiguration configuration = ClientConfiguration.builder()
                .connectionTimeoutMillis(2_000)
                .readTimeoutMillis(READ_TIMEOUT_MS)
                .retryConfiguration(retry)
                .circuitBreakerConfiguration(CircuitBreakerUtils.getNoCircuitBreakerConfiguration())
                .build();
        ClientBuilderBase b = builder.configuration(configuration).httpProvider(provider);
        b.endpoint(endpoint);
        return (C) b.build(KEY);
    }

    /** An API key of our own: the signer is the same one whatever provider sends. */
    private static SimpleAuthenticationDetailsProvider apiKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair pair = g.generateKeyPair();
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            byte[] bytes = pem.getBytes(StandardCharsets.US_ASCII);
            return SimpleAuthenticationDetailsProvider.builder()
                    .tenantId("ocid1.tenancy.oc1..differential")
                    .userId("ocid1.user.oc1..differential")
                    .fingerprint("aa:bb:cc")
                    .privateKeySupplier(() -> new ByteArrayInputStream(bytes))
                    .build();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        usage.close();
        search.close();
        objects.close();
    }

    // ---- the operations ----

    String usage() {
        return outcome(() -> {
            var r = usage.requestSummarizedUsages(RequestSummarizedUsagesRequest.builder()
                    .requestSummarizedUsagesDetails(RequestSummarizedUsagesDetails.builder()
                            .tenantId("ocid1.tenancy.oc1..differential")
                            .timeUsageStarted(new Date(1_700_006_400_000L))
                            .timeUsageEnded(new Date(1_700_092_800_000L))
                            .granularity(RequestSummarizedUsagesDetails.Granularity.Daily)
                            .build())
                    .page("p1").limit(10).build());
            return common(r) + " next=" + r.getOpcNextPage() + " id=" + r.getOpcRequestId() + " body=" + r.getUsageAggregation();
        });
    }

    String search() {
        return outcome(() -> {
            var r = search.searchResources(SearchResourcesRequest.builder()
                    .searchDetails(StructuredSearchDetails.builder().query("query all resources").build())
                    .limit(5).build());
            return common(r) + " next=" + r.getOpcNextPage() + " id=" + r.getOpcRequestId() + " body=" + r.getResourceSummaryCollection();
        });
    }

    String namespace() {
        return outcome(() -> {
            var r = objects.getNamespace(GetNamespaceRequest.builder().build());
            return common(r) + " value=" + r.getValue();
        });
    }

    String put(byte[] body, boolean withLength, Map<String, String> meta) {
        return outcome(() -> {
            PutObjectRequest.Builder b = PutObjectRequest.builder().namespaceName("ns").bucketName("pics")
                    .objectName("u1/photo 1.jpg").contentType("image/jpeg")
                    // A stream the SDK cannot duplicate, as a function's upload is.
                    .putObjectBody(new FilterInputStream(new ByteArrayInputStream(body)) { });
            if (withLength) {
                b.contentLength((long) body.length);
            }
            if (meta != null) {
                b.opcMeta(meta);
            }
            var r = objects.putObject(b.build());
            return common(r) + " id=" + r.getOpcRequestId() + " etag=" + r.getETag() + " md5=" + r.getOpcContentMd5();
        });
    }

    String get(String ifNoneMatch) {
        return outcome(() -> {
            GetObjectResponse r = objects.getObject(GetObjectRequest.builder().namespaceName("ns").bucketName("pics")
                    .objectName("u1/photo 1.jpg").ifNoneMatch(ifNoneMatch).build());
            String body;
            if (r.getInputStream() == null) {
                body = "none";
            } else {
                try (InputStream in = r.getInputStream()) {
                    body = digest(in.readAllBytes());
                } catch (IOException | RuntimeException e) {
                    body = "failed: " + category(e);
                }
            }
            return common(r) + " id=" + r.getOpcRequestId() + " etag=" + r.getETag() + " length=" + r.getContentLength()
                    + " type=" + r.getContentType() + " notModified=" + r.isNotModified() + " body=" + body;
        });
    }

    String head() {
        return outcome(() -> {
            HeadObjectResponse r = objects.headObject(HeadObjectRequest.builder().namespaceName("ns").bucketName("pics")
                    .objectName("u1/photo 1.jpg").build());
            return common(r) + " id=" + r.getOpcRequestId() + " etag=" + r.getETag() + " length=" + r.getContentLength()
                    + " md5=" + r.getContentMd5() + " notModified=" + r.isNotModified();
        });
    }

    String delete() {
        return outcome(() -> {
            var r = objects.deleteObject(DeleteObjectRequest.builder().namespaceName("ns").bucketName("pics")
                    .objectName("u1/photo 1.jpg").build());
            return common(r) + " id=" + r.getOpcRequestId();
        });
    }

    String list() {
        return outcome(() -> {
            var r = objects.listObjects(ListObjectsRequest.builder().namespaceName("ns").bucketName("pics")
                    .prefix("u1/").limit(2).fields("name,size,md5").build());
            return common(r) + " id=" + r.getOpcRequestId() + " body=" + r.getListObjects();
        });
    }

    // ---- how an outcome is written ----

    interface Call {
        String run() throws Exception;
    }

    /** Status and headers as the SDK hands them to the caller (names sorted, values in the order the SDK gives). */
    private static String common(BmcResponse r) {
        Map<String, List<String>> headers = new TreeMap<>();
        r.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        headers.remove("date");
        return "status=" + r.get__httpStatusCode__() + " headers=" + headers;
    }

    static String outcome(Call call) {
        try {
            return "ok " + call.run();
        } catch (BmcException e) {
            StringBuilder s = new StringBuilder("BmcException status=").append(e.getStatusCode())
                    .append(" code=").append(e.getServiceCode())
                    // a client-side failure carries the SDK's own random request id
                    .append(" id=").append(e.isClientSide() && e.getOpcRequestId() != null ? "<outbound>" : e.getOpcRequestId())
                    .append(" clientSide=").append(e.isClientSide())
                    .append(" timeout=").append(e.isTimeout());
            if (e.isClientSide()) {
                // The message names the transport's own exception; what the caller can act on is its kind.
                s.append(" cause=").append(category(e));
            } else {
                s.append(" message=").append(e.getUnmodifiedMessage());
            }
            return s.toString();
        } catch (Exception e) {
            return "exception " + category(e);
        }
    }

    /** A failure as a caller tells failures apart: a timeout, some other I/O failure, or anything else by its root cause's class. */
    static String category(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SocketTimeoutException) {
                return "timeout";
            }
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IOException) {
                return "io";
            }
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }

    static String digest(byte[] bytes) {
        try {
            return bytes.length + " bytes sha256=" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
