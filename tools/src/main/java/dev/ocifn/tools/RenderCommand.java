package dev.ocifn.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocifn.tools.apigw.Deployment;
import dev.ocifn.tools.apigw.SpecRenderer;
import dev.ocifn.tools.json.JsonFiles;
import dev.ocifn.tools.policies.PolicyRenderer;
import dev.ocifn.tools.policies.PolicySet;
import dev.ocifn.tools.template.Params;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code render --params FILE --out DIR [--only fn,fn] [--templates DIR] [--policy-templates DIR]}.
 * Everything is rendered and checked before the first file is written, so an error leaves the
 * output folder as it was.
 */
public final class RenderCommand {
    static final Set<String> OPTIONS = Set.of("params", "out", "only", "templates", "policy-templates");

    private RenderCommand() {
    }

    public static void run(Args args, PrintStream out) {
        Path paramsFile = Path.of(args.required("params"));
        Path outDir = Path.of(args.required("out"));
        SpecRenderer specs;
        PolicyRenderer policies;
        if (args.has("templates") && args.has("policy-templates")) {
            specs = new SpecRenderer(Path.of(args.get("templates")));
            policies = new PolicyRenderer(Path.of(args.get("policy-templates")));
        } else {
            RepoLayout repo = RepoLayout.fromWorkingDirectory();
            specs = new SpecRenderer(args.has("templates") ? Path.of(args.get("templates")) : repo.apigwTemplates());
            policies = new PolicyRenderer(args.has("policy-templates") ? Path.of(args.get("policy-templates")) : repo.policyTemplates());
        }
        List<String> functions = selected(args.get("only"), specs.names(), policies.names());

        Params params = Params.load(paramsFile);
        Map<String, ObjectNode> rendered = specs.render(params, functions);
        List<PolicySet> sets = policies.render(params, functions);
        Map<Deployment, Path> deployments = new LinkedHashMap<>();
        for (String function : functions) {
            deployments.put(Deployment.of(params, function), outDir.resolve(function + ".json"));
        }

        List<Path> written = new ArrayList<>();
        rendered.forEach((function, spec) -> {
            Path file = outDir.resolve(function + ".json");
            JsonFiles.write(file, spec);
            written.add(file);
        });
        Map<PolicySet, OciCommands.PolicyFiles> policyFiles = new LinkedHashMap<>();
        Path policyDir = outDir.resolve("policies");
        for (PolicySet set : sets) {
            Path statements = policyDir.resolve(set.name() + ".statements.json");
            JsonFiles.write(statements, set.statementsJson());
            written.add(statements);
            Path rule = null;
            if (set.dynamicGroup() != null) {
                rule = policyDir.resolve(set.name() + ".matching-rule.txt");
                JsonFiles.writeText(rule, set.dynamicGroup().matchingRule() + "\n");
                Path byCompartment = policyDir.resolve(set.name() + ".matching-rule-by-compartment.txt");
                JsonFiles.writeText(byCompartment, set.dynamicGroup().matchingRuleByCompartment() + "\n");
                written.add(rule);
                written.add(byCompartment);
            }
            policyFiles.put(set, new OciCommands.PolicyFiles(statements, rule));
        }
        Path script = outDir.resolve("oci-commands.sh");
        JsonFiles.writeText(script, OciCommands.script(paramsFile, params.text("tenancyId"),
                PolicyRenderer.identityDomain(params), deployments, policyFiles));
        written.add(script);
        written.forEach(f -> out.println("wrote " + f));
    }

    private static List<String> selected(String only, List<String> specNames, List<String> policyNames) {
        List<String> functions = new ArrayList<>();
        if (only == null) {
            functions.addAll(specNames);
        } else {
            for (String name : only.split(",")) {
                String trimmed = name.trim();
                if (!specNames.contains(trimmed)) {
                    throw new ToolException("--only: no deployment template '" + trimmed + "' (templates: "
                            + String.join(", ", specNames) + ")");
                }
                if (!functions.contains(trimmed)) {
                    functions.add(trimmed);
                }
            }
        }
        for (String function : functions) {
            if (!policyNames.contains(function)) {
                throw new ToolException("deployment template " + function + " has no policy template of the same name");
            }
        }
        if (!policyNames.contains(PolicyRenderer.GATEWAY)) {
            throw new ToolException("no policy template " + PolicyRenderer.GATEWAY);
        }
        return functions;
    }
}
