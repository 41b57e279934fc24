package dev.ocifn.tools;

import java.io.Console;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The tools' entry point: {@code render}, {@code idcs-key}, {@code token}, {@code doctor}. Errors
 * are one line on stderr and a non-zero exit: 2 for a usage or input problem, 1 for anything
 * unexpected (and for {@code doctor}, a failed check).
 */
public final class Main {
    static final String USAGE = String.join("\n",
            "usage:",
            "  render   --params apigw/params.json --out apigw/out [--only usage-fn,search-fn]",
            "  idcs-key (--jwks-file FILE | --jwks-url https://<domain>/admin/v1/SigningCert/jwk) [--kid SIGNING_KEY] [--out FILE]",
            "  token    --domain-url https://<domain> --client-id ID --scope <audience><scope>",
            "           (secret from $IDCS_CLIENT_SECRET or a prompt, never an option)",
            "  doctor   --gateway-url https://<gateway host> --domain-url https://<domain> --client-id ID",
            "           [--params apigw/params.json] [--client-secret-file FILE] [--audience A] [--only fn,fn]",
            "           [--write] [--predict-body FILE] [--app NAME] [--json]",
            "           (secret from --client-secret-file, $IDCS_CLIENT_SECRET or a prompt; exit 0 only when every check passed)");

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final Supplier<Console> console;
    private final Supplier<HttpClient> http;

    Main(PrintStream out, PrintStream err, Map<String, String> env, Supplier<Console> console, Supplier<HttpClient> http) {
        this.out = out;
        this.err = err;
        this.env = env;
        this.console = console;
        this.http = http;
    }

    public static void main(String[] args) {
        int status = execute(args, System.out, System.err, System.getenv(), System::console);
        System.out.flush();
        // Returning normally on success lets `mvn exec:java` finish its own way.
        if (status != 0) {
            System.exit(status);
        }
    }

    /** One command, as from the shell: what {@code main} runs, for callers that embed the tools. */
    public static int execute(String[] args, PrintStream out, PrintStream err, Map<String, String> env, Supplier<Console> console) {
        Supplier<HttpClient> http = () -> HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        return new Main(out, err, env, console, http).run(args);
    }

    int run(String[] args) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            (args.length == 0 ? err : out).println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        try {
            switch (args[0]) {
                case "render":
                    RenderCommand.run(Args.parse(args, 1, RenderCommand.OPTIONS, Map.of()), out);
                    return 0;
                case "idcs-key":
                    IdcsKeyCommand.run(Args.parse(args, 1, IdcsKeyCommand.OPTIONS, Map.of()), out, http);
                    return 0;
                case "token":
                    TokenCommand.run(Args.parse(args, 1, TokenCommand.OPTIONS, TokenCommand.REFUSED), out, http, env, console);
                    return 0;
                case "doctor":
                    return DoctorCommand.run(Args.parse(args, 1, DoctorCommand.OPTIONS, DoctorCommand.FLAGS, DoctorCommand.REFUSED),
                            out, http, env, console, Clock.systemUTC());
                default:
                    err.println("error: unknown command '" + args[0] + "'\n" + USAGE);
                    return 2;
            }
        } catch (ToolException e) {
            err.println("error: " + oneLine(e.getMessage()));
            return 2;
        } catch (RuntimeException e) {
            err.println("error: unexpected " + e.getClass().getSimpleName() + ": " + oneLine(String.valueOf(e.getMessage())));
            return 1;
        }
    }

    private static String oneLine(String message) {
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
