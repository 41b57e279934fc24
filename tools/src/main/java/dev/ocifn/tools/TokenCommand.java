package dev.ocifn.tools;

import dev.ocifn.tools.idcs.ClientSecret;
import dev.ocifn.tools.idcs.TokenClient;
import dev.ocifn.tools.idcs.Urls;

import java.io.Console;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code token --domain-url U --client-id C --scope S}: prints only the access token, so that
 * {@code TOKEN=$(...)} works. The secret comes from {@value ClientSecret#ENV} or a prompt.
 */
public final class TokenCommand {
    static final Set<String> OPTIONS = Set.of("domain-url", "client-id", "scope");
    static final String SECRET_REFUSED = "refusing a client secret on the command line (shell history and process"
            + " listings keep it): set " + ClientSecret.ENV + " or let the command prompt for it";
    /** Every spelling someone might try; all are refused rather than reported as unknown. */
    static final Map<String, String> REFUSED = Map.of(
            "client-secret", SECRET_REFUSED, "secret", SECRET_REFUSED, "password", SECRET_REFUSED);

    private TokenCommand() {
    }

    public static void run(Args args, PrintStream out, Supplier<HttpClient> http, Map<String, String> env,
                           Supplier<Console> console) {
        String clientId = args.required("client-id");
        String scope = args.required("scope");
        java.net.URI domain = Urls.parse(args.required("domain-url"), "--domain-url");
        TokenClient.tokenEndpoint(domain);
        char[] secret = ClientSecret.obtain(env, console, clientId);
        try {
            out.println(new TokenClient(http.get()).fetch(domain, clientId, secret, scope).accessToken());
        } finally {
            Arrays.fill(secret, '\0');
        }
    }
}
