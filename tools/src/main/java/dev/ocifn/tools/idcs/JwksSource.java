package dev.ocifn.tools.idcs;

import dev.ocifn.tools.ToolException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/** Where the identity domain's JWKS comes from: a saved file or the domain's URL. */
public final class JwksSource {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private JwksSource() {
    }

    public static String fromFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ToolException(file + ": no such file");
        } catch (IOException e) {
            throw new ToolException(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /**
     * Downloads the JWKS. A 401 usually means the domain does not publish its signing
     * certificate to unauthenticated clients; the message says what to do.
     */
    public static String fromUrl(HttpClient http, URI url) {
        Urls.requireHttps(url, "--jwks-url");
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("Accept", "application/json").GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ToolException("cannot fetch " + url + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted while fetching " + url);
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new ToolException(url + " answered " + response.statusCode() + ": the domain does not give its signing"
                    + " certificate to anonymous clients; allow access to the signing certificate in the domain's"
                    + " settings, or save the JWKS from a signed-in session and use --jwks-file");
        }
        if (response.statusCode() != 200) {
            throw new ToolException(url + " answered " + response.statusCode() + ", expected 200 with the JWKS");
        }
        return response.body();
    }
}
