package dev.ocifn.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocifn.tools.idcs.JwksSource;
import dev.ocifn.tools.idcs.StaticKeys;
import dev.ocifn.tools.idcs.Urls;
import dev.ocifn.tools.json.JsonFiles;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Supplier;

/** {@code idcs-key (--jwks-file F | --jwks-url U) [--kid K] [--out FILE]}: the static key for the gateway. */
public final class IdcsKeyCommand {
    static final Set<String> OPTIONS = Set.of("jwks-file", "jwks-url", "kid", "out");

    private IdcsKeyCommand() {
    }

    public static void run(Args args, PrintStream out, Supplier<HttpClient> http) {
        if (args.has("jwks-file") == args.has("jwks-url")) {
            throw new ToolException("give exactly one of --jwks-file and --jwks-url");
        }
        String jwks = args.has("jwks-file")
                ? JwksSource.fromFile(Path.of(args.get("jwks-file")))
                : JwksSource.fromUrl(http.get(), Urls.parse(args.get("jwks-url"), "--jwks-url"));
        ObjectNode key = StaticKeys.fromJwks(jwks, args.get("kid"));
        if (args.has("out")) {
            Path file = Path.of(args.get("out"));
            JsonFiles.write(file, key);
            out.println("wrote " + file + " (kid " + key.get("kid").asText() + ")");
        } else {
            out.print(JsonFiles.pretty(key));
        }
    }
}
