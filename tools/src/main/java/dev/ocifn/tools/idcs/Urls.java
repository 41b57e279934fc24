package dev.ocifn.tools.idcs;

import dev.ocifn.tools.ToolException;

import java.net.URI;
import java.net.URISyntaxException;

/** URL checks for what the commands send credentials or trust to. */
public final class Urls {
    private Urls() {
    }

    public static URI parse(String text, String option) {
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new ToolException(option + ": '" + text + "' is not an absolute URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ToolException(option + ": '" + text + "' is not a URL (" + e.getReason() + ")");
        }
    }

    /**
     * Plain http is allowed only to this machine (the tests' local servers): anywhere else it
     * would send a client secret, or fetch a trusted key, in the clear.
     */
    public static void requireHttps(URI uri, String option) {
        boolean local = "http".equals(uri.getScheme())
                && ("127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost()) || "[::1]".equals(uri.getHost()));
        if (!"https".equals(uri.getScheme()) && !local) {
            throw new ToolException(option + ": must be an https URL");
        }
    }
}
