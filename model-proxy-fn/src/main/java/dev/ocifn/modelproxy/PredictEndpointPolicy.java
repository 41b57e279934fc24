package dev.ocifn.modelproxy;

import dev.ocifn.support.FnError;
import dev.ocifn.support.Settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether the predict URL in the gateway header may be called. The header is an outbound
 * URL that the function signs with its own principal, so anything that is not plainly a Data
 * Science model deployment's predict endpoint is refused before a connection is made: only
 * https, only OCI model-deployment hosts on the default port, only {@code /<OCID>/predict} or
 * {@code /<OCID>/predictWithResponseStream}, nothing else in the URL.
 */
final class PredictEndpointPolicy {
    static final String ALLOWED_DEPLOYMENTS = "ALLOWED_DEPLOYMENTS";
    /** Widens the host rule by exactly one origin; named so that nobody sets it in production by accident. */
    static final String TESTING_ORIGIN = "TESTING_ONLY_ALLOW_MODEL_ORIGIN";

    static final String OCID = "ocid1\\.datasciencemodeldeployment\\.oc[0-9]{1,3}\\.[a-z0-9-]{0,40}(?:\\.[a-z0-9-]{1,40})?\\.[a-z0-9]{1,100}";
    private static final Pattern DEPLOYMENT = Pattern.compile(OCID);
    private static final Pattern PATH = Pattern.compile("/(" + OCID + ")/(predict|predictWithResponseStream)");
    /** The documented host and the SDK's template; the region is one DNS label. */
    private static final Pattern OCI_HOST = Pattern.compile(
            "modeldeployment\\.[a-z0-9-]{1,40}\\.oci\\.customer-oci\\.com|md\\.datascience\\.[a-z0-9-]{1,40}\\.oci\\.oraclecloud\\.com");
    private static final int MAX_URL = 2048;
    private static final String SHAPE = "must be https://modeldeployment.<region>.oci.customer-oci.com/<model deployment OCID>/predict"
            + " (or /predictWithResponseStream)";

    /** The accepted URL, rebuilt from its checked parts, and the deployment it names. */
    record PredictUrl(URI uri, String deploymentId) {
    }

    private record Origin(String scheme, String host, int port) {
        boolean matches(String scheme, String host, int port) {
            return this.scheme.equals(scheme) && this.host.equals(host) && this.port == effectivePort(scheme, port);
        }

        @Override
        public String toString() {
            return scheme + "://" + host + ":" + port;
        }
    }

    private final String field;
    private final Set<String> allowedDeployments;
    private final Optional<Origin> testingOrigin;

    private PredictEndpointPolicy(String field, Set<String> allowedDeployments, Optional<Origin> testingOrigin) {
        this.field = field;
        this.allowedDeployments = allowedDeployments;
        this.testingOrigin = testingOrigin;
    }

    /**
     * The policy from the configuration; a bad {@code ALLOWED_DEPLOYMENTS} or testing origin is a
     * 500 naming the key. {@code field} is the header's name, used in every refusal.
     */
    static PredictEndpointPolicy from(Settings settings, String field) {
        Set<String> allowed = new LinkedHashSet<>();
        for (String id : settings.get(ALLOWED_DEPLOYMENTS).orElse("").split(",")) {
            String trimmed = id.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!DEPLOYMENT.matcher(trimmed).matches()) {
                throw FnError.misconfigured("the function configuration " + ALLOWED_DEPLOYMENTS
                        + " must be a comma-separated list of model deployment OCIDs (ocid1.datasciencemodeldeployment...)");
            }
            allowed.add(trimmed);
        }
        Optional<Origin> testing = settings.get(TESTING_ORIGIN).map(PredictEndpointPolicy::origin);
        testing.ifPresent(o -> System.err.println("WARNING " + TESTING_ORIGIN + " is set: predict URLs on " + o
                + " are accepted besides OCI's model-deployment hosts; for tests and local runs only, never in production"));
        return new PredictEndpointPolicy(field, Set.copyOf(allowed), testing);
    }

    private static Origin origin(String raw) {
        try {
            URI uri = new URI(raw);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                    && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && bare) {
                return new Origin(scheme, uri.getHost().toLowerCase(Locale.ROOT), effectivePort(scheme, uri.getPort()));
            }
        } catch (URISyntaxException ignored) {
            // reported below
        }
        throw FnError.misconfigured("the function configuration " + TESTING_ORIGIN
                + " must be scheme://host[:port] (for example http://127.0.0.1:8080)");
    }

    private static int effectivePort(String scheme, int port) {
        if (port >= 0) {
            return port;
        }
        return scheme.equals("https") ? 443 : 80;
    }

    /** The URL to call, or a 400 naming the header and what is wrong; never echoes the value. */
    PredictUrl check(String raw) {
        if (raw.length() > MAX_URL) {
            throw refuse("is longer than " + MAX_URL + " characters");
        }
        if (!raw.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw refuse("must be a plain ASCII URL without spaces or control characters");
        }
        if (raw.indexOf('\\') >= 0) {
            throw refuse("must not contain a backslash");
        }
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw refuse("is not a valid URL; " + SHAPE);
        }
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getRawAuthority() == null) {
            throw refuse("is not an absolute URL; " + SHAPE);
        }
        // '@' anywhere in the authority is user info or a disguise for it: a.com@b.com goes to b.com.
        if (uri.getRawUserInfo() != null || uri.getRawAuthority().indexOf('@') >= 0) {
            throw refuse("must not carry user info (user@host)");
        }
        if (uri.getRawQuery() != null || raw.indexOf('?') >= 0) {
            throw refuse("must not have a query");
        }
        if (uri.getRawFragment() != null || raw.indexOf('#') >= 0) {
            throw refuse("must not have a fragment");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        // getHost() is null for authorities java.net.URI cannot read as host[:port]; raw is ASCII, so lower-casing is exact.
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        String authority = uri.getRawAuthority().toLowerCase(Locale.ROOT);
        if (host.isEmpty() || !authority.equals(port < 0 ? host : host + ":" + port)) {
            throw refuse("has no plain host[:port]; " + SHAPE);
        }
        boolean testing = testingOrigin.isPresent() && testingOrigin.get().matches(scheme, host, port);
        if (!testing) {
            if (!scheme.equals("https")) {
                throw refuse("must use https");
            }
            if (!OCI_HOST.matcher(host).matches()) {
                throw refuse("host is not a Data Science model-deployment host (modeldeployment.<region>.oci.customer-oci.com"
                        + " or md.datascience.<region>.oci.oraclecloud.com)");
            }
            if (port >= 0 && port != 443) {
                throw refuse("must not name a port other than 443");
            }
        }
        Matcher path = PATH.matcher(uri.getRawPath());
        if (!path.matches()) {
            throw refuse("path must be /<model deployment OCID>/predict or /<model deployment OCID>/predictWithResponseStream");
        }
        String deployment = path.group(1);
        if (!allowedDeployments.isEmpty() && !allowedDeployments.contains(deployment)) {
            throw refuse("names a model deployment that is not in the function's " + ALLOWED_DEPLOYMENTS);
        }
        // Rebuilt from the checked parts only; the default https port is dropped so that the signed
        // host header is the plain host name, as OCI expects it.
        String origin = testing ? scheme + "://" + host + (port < 0 ? "" : ":" + port) : "https://" + host;
        return new PredictUrl(URI.create(origin + uri.getRawPath()), deployment);
    }

    private FnError refuse(String problem) {
        return FnError.badInput(field, problem);
    }
}
