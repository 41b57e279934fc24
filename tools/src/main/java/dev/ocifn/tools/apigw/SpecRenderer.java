package dev.ocifn.tools.apigw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocifn.tools.RepoLayout;
import dev.ocifn.tools.ToolException;
import dev.ocifn.tools.template.Params;
import dev.ocifn.tools.template.Placeholders;
import dev.ocifn.tools.template.TemplateDir;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the deployment specifications in {@code apigw/templates/} (one per function, named
 * after it) from the parameters, and checks each with {@link SpecCheck}: nothing is returned
 * that OCI's model would not read back unchanged.
 *
 * <p>Besides the parameters file's own values, templates may use {@value #VALIDATION_POLICY}, built
 * by {@link ValidationPolicy} from the static key or the remote JWKS, the issuers, audiences and
 * claims.
 */
public final class SpecRenderer {
    public static final String VALIDATION_POLICY = "auth.validationPolicy";

    private final TemplateDir templates;

    public SpecRenderer(Path templatesDir) {
        this.templates = new TemplateDir(templatesDir);
    }

    public static SpecRenderer fromRepository() {
        return new SpecRenderer(RepoLayout.fromWorkingDirectory().apigwTemplates());
    }

    /** The deployments there are templates for, which are also the function names. */
    public List<String> names() {
        return templates.names();
    }

    public ObjectNode template(String name) {
        return templates.read(name);
    }

    /** Every deployment, by name, in name order. */
    public Map<String, ObjectNode> render(Params params) {
        return render(params, names());
    }

    public Map<String, ObjectNode> render(Params params, Collection<String> names) {
        if (params.has(VALIDATION_POLICY)) {
            throw new ToolException("parameter " + VALIDATION_POLICY + " is computed; give auth.staticKeyFile,"
                    + " auth.staticKey or auth.remoteJwks, and auth.issuers, auth.audiences instead");
        }
        ObjectNode[] validation = new ObjectNode[1];
        Placeholders.Lookup lookup = name -> {
            if (!VALIDATION_POLICY.equals(name)) {
                return params.get(name);
            }
            if (validation[0] == null) {
                validation[0] = ValidationPolicy.from(params);
            }
            return validation[0];
        };
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        for (String name : names) {
            String source = templates.path(name).toString();
            JsonNode filled = Placeholders.fill(templates.read(name), lookup, source);
            SpecCheck.check(source, filled);
            out.put(name, (ObjectNode) filled);
        }
        return out;
    }
}
