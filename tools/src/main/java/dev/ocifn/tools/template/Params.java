package dev.ocifn.tools.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocifn.tools.ToolException;
import dev.ocifn.tools.json.JsonFiles;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one parameters file (see {@code apigw/params.example.json}). Templates name its values by
 * dotted path ({@code functions.usage-fn.functionId}). Values are checked by the shape their name
 * promises, so a compartment OCID pasted where a function OCID belongs fails here, naming the
 * parameter, instead of at OCI.
 */
public final class Params {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    // ocid1.<type>.<realm>.[region][.future].<unique id>
    private static final String OCID_TAIL = "\\.[a-z0-9]+\\.[a-z0-9-]*(\\.[a-z0-9-]+)?\\.[a-z0-9]+";
    private static final Pattern FUNCTION_OCID = Pattern.compile("ocid1\\.fnfunc" + OCID_TAIL);
    private static final Pattern COMPARTMENT_OCID = Pattern.compile("ocid1\\.(compartment|tenancy)" + OCID_TAIL);
    private static final Pattern TENANCY_OCID = Pattern.compile("ocid1\\.tenancy" + OCID_TAIL);
    private static final Pattern GATEWAY_OCID = Pattern.compile("ocid1\\.apigateway" + OCID_TAIL);

    private final ObjectNode root;
    private final Path baseDir;
    private final String source;

    private Params(ObjectNode root, Path baseDir, String source) {
        this.root = root;
        this.baseDir = baseDir;
        this.source = source;
    }

    public static Params load(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        return new Params(JsonFiles.readObject(file), dir, file.toString());
    }

    /** For callers that build parameters in code; relative file parameters resolve against {@code baseDir}. */
    public static Params of(ObjectNode root, Path baseDir) {
        return new Params(root.deepCopy(), baseDir.toAbsolutePath(), "parameters");
    }

    public ObjectNode root() {
        return root.deepCopy();
    }

    public String source() {
        return source;
    }

    public boolean has(String path) {
        return find(path).isPresent();
    }

    /** The value at {@code path}, checked; empty when absent or JSON null. */
    public Optional<JsonNode> find(String path) {
        JsonNode node = root;
        for (String segment : path.split("\\.", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new ToolException("malformed parameter name " + path);
            }
            node = node.isObject() ? node.get(segment) : null;
            if (node == null || node.isNull()) {
                return Optional.empty();
            }
        }
        check(path, node);
        return Optional.of(node);
    }

    public JsonNode get(String path) {
        return find(path).orElseThrow(() -> new MissingParameterException(path));
    }

    /** A non-empty string parameter. */
    public String text(String path) {
        JsonNode value = get(path);
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw new ToolException("parameter " + path + " must be a non-empty string");
        }
        return value.textValue();
    }

    /** A file named by a parameter, relative to the parameters file's folder. */
    public Path file(String path) {
        return baseDir.resolve(text(path)).normalize();
    }

    private static void check(String path, JsonNode value) {
        String leaf = path.substring(path.lastIndexOf('.') + 1);
        if (leaf.equals("functionId")) {
            expect(path, value, FUNCTION_OCID, "a function OCID (ocid1.fnfunc...)");
        } else if (leaf.equals("tenancyId")) {
            expect(path, value, TENANCY_OCID, "a tenancy OCID (ocid1.tenancy...)");
        } else if (leaf.equals("gatewayId")) {
            expect(path, value, GATEWAY_OCID, "an API gateway OCID (ocid1.apigateway...)");
        } else if (leaf.equals("compartmentId") || leaf.endsWith("CompartmentId")) {
            expect(path, value, COMPARTMENT_OCID, "a compartment OCID (ocid1.compartment... or the tenancy's)");
        } else if (leaf.equals("permission")) {
            // search-fn: read renders read on the resource types search needs it for, never read all-resources.
            expect(path, value, Pattern.compile("inspect|read"), "inspect or read");
        } else if (leaf.endsWith("Url") || leaf.endsWith("Uri")) {
            expectHttpsUrl(path, value);
        }
    }

    private static void expect(String path, JsonNode value, Pattern shape, String what) {
        if (!value.isTextual() || !shape.matcher(value.textValue()).matches()) {
            throw new ToolException("parameter " + path + ": " + value + " is not " + what);
        }
    }

    private static void expectHttpsUrl(String path, JsonNode value) {
        String problem = null;
        if (!value.isTextual()) {
            problem = "must be a string";
        } else {
            try {
                URI uri = new URI(value.textValue());
                // Plain http only to this machine: the local stack's endpoints (run-local.sh).
                boolean loopback = "http".equals(uri.getScheme())
                        && ("127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost()));
                if (!("https".equals(uri.getScheme()) || loopback) || uri.getHost() == null) {
                    problem = "must be an https URL";
                }
            } catch (URISyntaxException e) {
                problem = "is not a URL (" + e.getReason() + ")";
            }
        }
        if (problem != null) {
            throw new ToolException("parameter " + path + ": " + value + " " + problem);
        }
    }
}
