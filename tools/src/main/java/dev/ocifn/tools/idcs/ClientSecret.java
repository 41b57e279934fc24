package dev.ocifn.tools.idcs;

import dev.ocifn.tools.ToolException;

import java.io.Console;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where the client secret may come from: the environment or a prompt that does not echo. Never
 * a command-line argument, which would land in shell history and in every process listing.
 */
public final class ClientSecret {
    public static final String ENV = "IDCS_CLIENT_SECRET";

    private ClientSecret() {
    }

    public static char[] obtain(Map<String, String> env, Supplier<Console> console, String clientId) {
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv.toCharArray();
        }
        Console c = console.get();
        if (c == null) {
            throw new ToolException("no client secret: set " + ENV + " or run the command in a terminal to be prompted");
        }
        char[] typed = c.readPassword("Client secret for %s: ", clientId);
        if (typed == null || typed.length == 0) {
            throw new ToolException("no client secret entered");
        }
        return typed;
    }
}
