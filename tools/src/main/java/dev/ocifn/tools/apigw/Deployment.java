package dev.ocifn.tools.apigw;

import dev.ocifn.tools.ToolException;
import dev.ocifn.tools.template.Params;

import java.util.regex.Pattern;

/**
 * What {@code oci api-gateway deployment create} needs besides the specification: the path
 * prefix (the seeds' {@code /usage}, {@code /oracleapi}, {@code /pictures}, {@code /model}),
 * the gateway and the compartment.
 */
public final class Deployment {
    private static final Pattern PATH_PREFIX = Pattern.compile("/[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*");

    private final String function;
    private final String displayName;
    private final String pathPrefix;
    private final String gatewayId;
    private final String compartmentId;

    private Deployment(String function, String displayName, String pathPrefix, String gatewayId, String compartmentId) {
        this.function = function;
        this.displayName = displayName;
        this.pathPrefix = pathPrefix;
        this.gatewayId = gatewayId;
        this.compartmentId = compartmentId;
    }

    public static Deployment of(Params params, String function) {
        String prefixParam = "functions." + function + ".pathPrefix";
        String prefix = params.text(prefixParam);
        if (!PATH_PREFIX.matcher(prefix).matches()) {
            throw new ToolException("parameter " + prefixParam + ": '" + prefix
                    + "' must start with / and have no trailing /, spaces or braces");
        }
        return new Deployment(function, params.text("namePrefix") + function, prefix,
                params.text("gateway.gatewayId"), params.text("gateway.compartmentId"));
    }

    public String function() {
        return function;
    }

    public String displayName() {
        return displayName;
    }

    public String pathPrefix() {
        return pathPrefix;
    }

    public String gatewayId() {
        return gatewayId;
    }

    public String compartmentId() {
        return compartmentId;
    }
}
