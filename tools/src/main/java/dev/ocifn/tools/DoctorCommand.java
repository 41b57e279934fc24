package dev.ocifn.tools;

import dev.ocifn.tools.apigw.SpecRenderer;
import dev.ocifn.tools.doctor.Doctor;
import dev.ocifn.tools.doctor.Report;
import dev.ocifn.tools.idcs.ClientSecret;
import dev.ocifn.tools.idcs.TokenClient;
import dev.ocifn.tools.idcs.Urls;
import dev.ocifn.tools.json.JsonFiles;
import dev.ocifn.tools.policies.PolicyRenderer;
import dev.ocifn.tools.template.Params;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code doctor --gateway-url U --domain-url D --client-id C [--params apigw/params.json]
 * [--client-secret-file F] [--audience A] [--only fn,fn] [--write] [--predict-body FILE]
 * [--app NAME] [--json]}: checks a deployed chain and prints one line per check. Exit 0 when
 * none failed, 1 when one did, 2 for a usage error.
 */
public final class DoctorCommand {
    static final Set<String> OPTIONS = Set.of("gateway-url", "domain-url", "client-id", "params", "client-secret-file",
            "audience", "only", "predict-body", "app");
    static final Set<String> FLAGS = Set.of("write", "json");
    static final String DEFAULT_PARAMS = "apigw/params.json";
    private static final String SECRET_REFUSED = "refusing a client secret on the command line (shell history and process"
            + " listings keep it): use --client-secret-file FILE, set " + ClientSecret.ENV + ", or let doctor prompt for it";
    static final Map<String, String> REFUSED = Map.of(
            "client-secret", SECRET_REFUSED, "secret", SECRET_REFUSED, "password", SECRET_REFUSED);

    private DoctorCommand() {
    }

    public static int run(Args args, PrintStream out, Supplier<HttpClient> http, Map<String, String> env,
                          Supplier<Console> console, Clock clock) {
        URI gateway = Urls.parse(args.required("gateway-url"), "--gateway-url");
        // The token goes to the gateway: never in the clear, except to this machine's local stack.
        Urls.requireHttps(gateway, "--gateway-url");
        URI domain = Urls.parse(args.required("domain-url"), "--domain-url");
        TokenClient.tokenEndpoint(domain);
        String clientId = args.required("client-id");
        Path paramsFile = Path.of(args.has("params") ? args.get("params") : DEFAULT_PARAMS);
        if (!Files.isRegularFile(paramsFile)) {
            throw new ToolException("--params: " + paramsFile + " does not exist; give the parameters file you rendered"
                    + " the deployments from");
        }
        Params params = Params.load(paramsFile);
        RepoLayout repo = RepoLayout.fromWorkingDirectory();
        SpecRenderer specs = new SpecRenderer(repo.apigwTemplates());
        List<String> functions = functions(args.get("only"), params, specs.names());
        String audience = args.has("audience") ? args.get("audience") : params.get("auth.audiences").path(0).asText();
        byte[] predictBody = args.has("predict-body") ? read(Path.of(args.get("predict-body"))) : null;
        Doctor.Inputs inputs = new Doctor.Inputs(gateway, domain, clientId, audience, args.has("write"), predictBody,
                args.has("app") ? args.get("app") : "<app>");

        char[] secret = secret(args, env, console, clientId);
        Report report;
        try {
            report = new Doctor(http.get(), params, specs, new PolicyRenderer(repo.policyTemplates()), functions, clock)
                    .run(inputs, secret);
        } finally {
            Arrays.fill(secret, '\0');
        }
        out.println(args.has("json") ? JsonFiles.pretty(report.json()) : report.text());
        return report.passed() ? 0 : 1;
    }

    /** From a file (its first line) or the environment; never an option's value, never printed. */
    private static char[] secret(Args args, Map<String, String> env, Supplier<Console> console, String clientId) {
        if (!args.has("client-secret-file")) {
            return ClientSecret.obtain(env, console, clientId);
        }
        Path file = Path.of(args.get("client-secret-file"));
        String text;
        try {
            text = Files.readString(file).strip();
        } catch (IOException e) {
            throw new ToolException("--client-secret-file: " + file + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (text.isEmpty() || text.contains("\n")) {
            throw new ToolException("--client-secret-file: the file must hold the secret alone, on one line");
        }
        return text.toCharArray();
    }

    /** The functions of the parameters that have a template, or those of --only. */
    private static List<String> functions(String only, Params params, List<String> templates) {
        List<String> inParams = new ArrayList<>();
        params.get("functions").fieldNames().forEachRemaining(inParams::add);
        List<String> chosen = only == null ? inParams : Arrays.stream(only.split(",")).map(String::trim).toList();
        for (String fn : chosen) {
            if (!templates.contains(fn) || !inParams.contains(fn)) {
                throw new ToolException("--only: " + fn + " is not a function of " + params.source() + " with a template"
                        + " (functions: " + String.join(", ", inParams) + ")");
            }
        }
        return chosen.stream().filter(templates::contains).toList();
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ToolException("--predict-body: " + file + " cannot be read (" + e.getMessage() + ")");
        }
    }
}
