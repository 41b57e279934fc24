package dev.ocifn.tools.doctor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.imageio.ImageIO;

/**
 * Step three: one harmless request per function through the gateway, with the token. Usage: one
 * day, TOTAL. Search: one result. Pictures: the caller's own list, and with {@code --write} one
 * tiny picture uploaded, read back, compared and deleted. Predict: only with a body the caller
 * gives, since only they know what their model accepts.
 */
final class Probe {
    /** Cold starts of a function can take seconds; the gateway's own limit is longer still. */
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final HttpClient http;
    private final String base;
    private final String token;

    Probe(HttpClient http, URI gateway, String pathPrefix, String token) {
        String root = gateway.toString();
        this.base = (root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + pathPrefix;
        this.http = http;
        this.token = token;
    }

    List<Check> checks(String fn, Optional<String> subject, boolean write, byte[] predictBody, Diagnosis.Context context) {
        List<Check> out = new ArrayList<>();
        switch (fn) {
            case "usage-fn" -> {
                LocalDate today = LocalDate.now(ZoneOffset.UTC);
                String body = "{\"timeUsageStarted\":\"" + today.minusDays(1) + "T00:00:00Z\",\"timeUsageEnded\":\"" + today
                        + "T00:00:00Z\",\"granularity\":\"TOTAL\"}";
                out.add(expect(fn, "POST", "/request-summarized-usages", json(body), "application/json", context));
            }
            case "search-fn" -> out.add(expect(fn, "POST", "/search?limit=1",
                    json("{\"type\":\"Structured\",\"query\":\"query all resources\"}"), "application/json", context));
            case "pictures-fn" -> {
                if (subject.isEmpty()) {
                    out.add(Check.fail(fn, "the token has no sub, which pictures-fn files pictures under",
                            "use a client-credentials token of the identity domain (its sub is the client id)"));
                    break;
                }
                String user = "/" + URLEncoder.encode(subject.get(), StandardCharsets.UTF_8);
                Check list = expect(fn, "GET", user + "?limit=1", HttpRequest.BodyPublishers.noBody(), null, context);
                out.add(list);
                out.add(!write ? Check.skip(fn + " write", "--write not given")
                        : list.failed() ? Check.skip(fn + " write", "listing failed") : roundTrip(fn + " write", user, context));
            }
            case "model-proxy-fn" -> out.add(predictBody == null
                    ? Check.skip(fn, "--predict-body FILE not given (a request your model accepts)")
                    : expect(fn, "POST", "/predict", HttpRequest.BodyPublishers.ofByteArray(predictBody), "application/json", context));
            default -> out.add(Check.skip(fn, "doctor knows no harmless request for " + fn));
        }
        return out;
    }

    /** Upload, download, compare, delete: the picture is the caller's own and is removed again. */
    private Check roundTrip(String name, String user, Diagnosis.Context context) {
        byte[] png = tinyPng();
        String path = user + "/ocifn-doctor-" + UUID.randomUUID().toString().substring(0, 8) + ".png";
        Answer put = call("PUT", path, HttpRequest.BodyPublishers.ofByteArray(png), "image/png");
        if (!put.ok()) {
            return rename(name, interpret(path, put, context));
        }
        Answer get = call("GET", path, HttpRequest.BodyPublishers.noBody(), null);
        Answer delete = call("DELETE", path, HttpRequest.BodyPublishers.noBody(), null);
        if (!get.ok()) {
            return rename(name, interpret(path, get, context));
        }
        if (!Arrays.equals(get.body(), png)) {
            return Check.fail(name, "the picture read back differs from the one uploaded (" + get.body().length + " of "
                    + png.length + " bytes)", "run doctor again; if it repeats, read the function's log");
        }
        if (!delete.ok()) {
            return rename(name, interpret(path, delete, context));
        }
        return Check.pass(name, "uploaded, read back equal, deleted " + path.substring(path.lastIndexOf('/') + 1));
    }

    private Check expect(String fn, String method, String path, HttpRequest.BodyPublisher body, String type,
                         Diagnosis.Context context) {
        Answer answer = call(method, path, body, type);
        return answer.ok() ? Check.pass(fn, method + " " + base + path + ": " + answer.status()) : interpret(path, answer, context);
    }

    private Check interpret(String path, Answer answer, Diagnosis.Context context) {
        String url = base + path;
        if (answer.status() == 0) {
            return Check.fail(context.target().function(), new String(answer.body(), StandardCharsets.UTF_8),
                    "check --gateway-url (https://<gateway hostname>) and that the gateway is reachable from here");
        }
        return Diagnosis.of(context, url, answer);
    }

    private Answer call(String method, String path, HttpRequest.BodyPublisher body, String type) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).method(method, body);
        if (type != null) {
            request.header("Content-Type", type);
        }
        return Doctor.send(http, request.build());
    }

    private static Check rename(String name, Check c) {
        return new Check(name, c.status(), c.cause(), c.fix());
    }

    private static HttpRequest.BodyPublisher json(String body) {
        return HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
    }

    /** A real one-pixel PNG, so that pictures-fn's type check accepts it as an image. */
    static byte[] tinyPng() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
