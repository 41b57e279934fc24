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
 * <p>Besides the parameters file's own values, templates may use {@value #PUBLIC_KEYS}, built by
 * {@link PublicKeys} from the static key or the remote JWKS.
 */
public final class SpecRenderer {
    public static final String PUBLIC_KEYS = "auth.publicKeys";

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
        if (params.has(PUBLIC_KEYS)) {
            throw new ToolException("parameter " + PUBLIC_KEYS + " is computed; give auth.staticKeyFile,"
                    + " auth.staticKey or auth.remoteJwks instead");
        }
        ObjectNode[] publicKeys = new ObjectNode[1];
        Placeholders.Lookup lookup = name -> {
            if (!PUBLIC_KEYS.equals(name)) {
                return params.get(name);
            }
            if (publicKeys[0] == null) {
                publicKeys[0] = PublicKeys.from(params);
            }
            return publicKeys[0];
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
