package dev.ocifn.tools;

import dev.ocifn.tools.apigw.Deployment;
import dev.ocifn.tools.policies.PolicySet;

import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the OCI CLI commands that apply the rendered files, one command per file, with every
 * OCID already filled in. The script is for reading and running by hand; render never calls OCI.
 */
public final class OciCommands {
    private OciCommands() {
    }

    /**
     * @param identityDomain the non-default identity domain the dynamic groups live in, or null for
     *                       the default domain (where {@code oci iam dynamic-group create} creates them)
     */
    public static String script(Path paramsFile, String tenancyId, String identityDomain, Map<Deployment, Path> specs,
                                Map<PolicySet, PolicyFiles> policies) {
        StringBuilder out = new StringBuilder();
        out.append("#!/bin/sh\n")
                .append("# Written by `render` from ").append(paramsFile).append(". Review, then run it (or line by line).\n")
                .append("set -e\n\n")
                .append("# Order: dynamic groups, then policies (a policy cannot name a group that does not exist), then\n")
                .append("# the deployments: API Gateway checks at deployment creation that it may invoke the function,\n")
                .append("# so the gateway policy must exist first (Oracle: apigatewaycreatingpolicies.htm).\n");
        if (identityDomain != null) {
            out.append("# The dynamic groups belong to the identity domain '").append(identityDomain)
                    .append("': create them there (Console: Identity & Security,\n# Domains, ").append(identityDomain)
                    .append(", Dynamic groups) with the names and matching rules below; the policies name them\n")
                    .append("# '").append(identityDomain).append("'/'<group>'.\n");
        }
        out.append("\n# Dynamic groups: each matches one function by OCID. To match every function of the\n")
                .append("# compartment instead, use the *.matching-rule-by-compartment.txt file (every function\n")
                .append("# there then gets every grant below).\n");
        policies.forEach((set, files) -> {
            if (set.dynamicGroup() != null) {
                out.append(identityDomain == null ? "" : "# ").append("oci iam dynamic-group create")
                        .append(" --compartment-id ").append(quote(tenancyId))
                        .append(" --name ").append(quote(set.dynamicGroup().name()))
                        .append(" --description ").append(quote(set.dynamicGroup().description()))
                        .append(" --matching-rule \"$(cat ").append(quote(files.matchingRule.toString())).append(")\"\n");
            }
        });

        out.append("\n# Policies, the gateway's included.\n");
        policies.forEach((set, files) -> {
            set.justifications().forEach((statement, reason) ->
                    out.append("# ").append(set.policyName()).append(": tenancy-wide because ").append(reason).append('\n'));
            out.append("oci iam policy create")
                    .append(" --compartment-id ").append(quote(set.compartmentId()))
                    .append(" --name ").append(quote(set.policyName()))
                    .append(" --description ").append(quote(set.policyDescription()))
                    .append(" --statements ").append(quote("file://" + files.statements)).append('\n');
        });
        out.append("\n# API Gateway: one deployment per function, each with its own rate limit. --wait-for-state waits\n")
                .append("# for the work request, so a deployment that fails stops the script here (OCI CLI reference:\n")
                .append("# api-gateway deployment create/update). To change one later:\n")
                .append("#   oci api-gateway deployment update --deployment-id <ocid> --specification file://<spec> --force --wait-for-state SUCCEEDED\n");
        specs.forEach((d, spec) -> out.append("oci api-gateway deployment create")
                .append(" --compartment-id ").append(quote(d.compartmentId()))
                .append(" --gateway-id ").append(quote(d.gatewayId()))
                .append(" --display-name ").append(quote(d.displayName()))
                .append(" --path-prefix ").append(quote(d.pathPrefix()))
                .append(" --specification ").append(quote("file://" + spec))
                .append(" --wait-for-state SUCCEEDED").append('\n'));
        return out.toString();
    }

    /** The files written for one policy set. */
    public static final class PolicyFiles {
        final Path statements;
        final Path matchingRule;

        public PolicyFiles(Path statements, Path matchingRule) {
            this.statements = statements;
            this.matchingRule = matchingRule;
        }
    }

    /** POSIX single-quoting: safe for any text, including the rules' own single quotes. */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
