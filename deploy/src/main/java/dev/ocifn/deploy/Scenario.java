package dev.ocifn.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One function's training invocation (the image build's, and the benchmark's): the request
 * (through API Gateway, or a plain fn invoke), extra function configuration, the canned OCI
 * answers the local signature-checking server gives, and what must come back. Read from the
 * function folder's {@code src/train/scenario.json}; a function without one gets
 * {@link #fallback}, which makes no OCI call worth the name and is flagged as such. Strings may
 * use {@code ${endpoint}}, {@code ${tenancyId}}, {@code ${compartmentId}}, resolved when the
 * server is up. {@code "variants": ["upload-6mb"]} names further requests,
 * {@code src/train/scenario@<variant>.json}, that the benchmark also starts the deployed form with
 * (large bodies, other routes: the memory a function needs).
 */
public record Scenario(String function, String about, boolean fromFile, Map<String, String> config, Request request,
                List<Answer> answers, List<Route> bodyNotSigned, int expectStatus, int expectOciCalls,
                List<String> variants) {

    public record Request(boolean gateway, String method, String url, Map<String, String> headers, byte[] body) {
    }

    public record Answer(String method, String pathRegex, int status, Map<String, String> headers, byte[] body) {
    }

    public record Route(String method, String pathRegex) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where a function folder keeps its training scenario. */
    public static Path file(Path functionDir) {
        return functionDir.resolve("src/train/scenario.json");
    }

    /** The scenario of the function in this folder (named like the folder). */
    public static Scenario forFunction(Path functionDir) {
        Path dir = functionDir.toAbsolutePath().normalize();
        return read(dir.getFileName().toString(), file(dir), true);
    }

    /** One of the function's {@code variants}. */
    public static Scenario variant(Path functionDir, String variant) {
        Path dir = functionDir.toAbsolutePath().normalize();
        return read(dir.getFileName().toString(), dir.resolve("src/train/scenario@" + variant + ".json"), false);
    }

    private static Scenario read(String function, Path file, boolean optional) {
        if (!Files.isRegularFile(file)) {
            if (!optional) {
                throw new IllegalStateException("no " + file);
            }
            return fallback(function);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(function, JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A plain invoke with "{}": the function answers, usually with a 400, without calling OCI. */
    public static Scenario fallback(String function) {
        return new Scenario(function, "no scenario: plain fn invoke with {} (likely no OCI call)", false, Map.of(),
                new Request(false, "POST", "/", Map.of("Content-Type", "application/json"), "{}".getBytes(StandardCharsets.UTF_8)),
                List.of(new Answer("*", ".*", 200, Map.of("Content-Type", "application/json"), "{}".getBytes(StandardCharsets.UTF_8))),
                List.of(), -1, -1, List.of());
    }

    public static Scenario parse(String function, JsonNode root) {
        JsonNode req = root.path("request");
        Request request = new Request(req.path("gateway").asBoolean(true), req.path("method").asText("POST"),
                req.path("url").asText("/"), strings(req.path("headers")), body(req));
        List<Answer> answers = new ArrayList<>();
        for (JsonNode a : root.path("oci")) {
            answers.add(new Answer(a.path("method").asText(), a.path("path").asText(), a.path("status").asInt(200),
                    strings(a.path("headers")), body(a)));
        }
        List<Route> unsigned = new ArrayList<>();
        for (JsonNode r : root.path("bodyNotSigned")) {
            unsigned.add(new Route(r.path("method").asText(), r.path("path").asText()));
        }
        JsonNode expect = root.path("expect");
        List<String> variants = new ArrayList<>();
        root.path("variants").forEach(v -> variants.add(v.asText()));
        return new Scenario(function, root.path("about").asText(""), true, strings(root.path("config")), request,
                answers, unsigned, expect.path("status").asInt(200), expect.path("ociCalls").asInt(1), variants);
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText()
                : e.getValue().toString()));
        return map;
    }

    /**
     * "body" as text, "json" as a JSON value written compactly, "bodyBase64", or "bodyParts": a
     * list of {"text": ...}, {"base64": ...} and {"repeat": "x", "count": n} joined (a large
     * body without a large file).
     */
    private static byte[] body(JsonNode node) {
        if (node.has("bodyParts")) {
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            for (JsonNode part : node.get("bodyParts")) {
                if (part.has("text")) {
                    joined.writeBytes(part.get("text").asText().getBytes(StandardCharsets.UTF_8));
                } else if (part.has("base64")) {
                    joined.writeBytes(Base64.getDecoder().decode(part.get("base64").asText()));
                } else {
                    byte[] unit = part.path("repeat").asText().getBytes(StandardCharsets.UTF_8);
                    for (int i = part.path("count").asInt(); i > 0; i--) {
                        joined.writeBytes(unit);
                    }
                }
            }
            return joined.toByteArray();
        }
        if (node.has("bodyBase64")) {
            return Base64.getDecoder().decode(node.get("bodyBase64").asText());
        }
        if (node.has("json")) {
            return node.get("json").toString().getBytes(StandardCharsets.UTF_8);
        }
        return node.path("body").asText("").getBytes(StandardCharsets.UTF_8);
    }

    /** The same scenario with every placeholder resolved. */
    public Scenario resolve(UnaryOperator<String> placeholders) {
        Map<String, String> cfg = new LinkedHashMap<>();
        config.forEach((k, v) -> cfg.put(k, placeholders.apply(v)));
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((k, v) -> headers.put(k, placeholders.apply(v)));
        Request r = new Request(request.gateway(), request.method(), placeholders.apply(request.url()), headers,
                resolveBody(request.body(), placeholders));
        List<Answer> resolved = new ArrayList<>();
        for (Answer a : answers) {
            Map<String, String> h = new LinkedHashMap<>();
            a.headers().forEach((k, v) -> h.put(k, placeholders.apply(v)));
            resolved.add(new Answer(a.method(), a.pathRegex(), a.status(), h, a.body()));
        }
        return new Scenario(function, about, fromFile, cfg, r, resolved, bodyNotSigned, expectStatus, expectOciCalls, variants);
    }

    /** Placeholders in a text body; a body without one (a picture, say) stays byte for byte. */
    private static byte[] resolveBody(byte[] body, UnaryOperator<String> placeholders) {
        String latin = new String(body, StandardCharsets.ISO_8859_1);
        if (!latin.contains("${")) {
            return body;
        }
        return placeholders.apply(new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }
}
