package dev.ocifn.tools.doctor;

import dev.ocifn.tools.apigw.SpecRenderer;
import dev.ocifn.tools.idcs.JwksSource;
import dev.ocifn.tools.idcs.TokenClient;
import dev.ocifn.tools.policies.PolicyRenderer;
import dev.ocifn.tools.policies.PolicySet;
import dev.ocifn.tools.template.Params;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a deployed chain end to end, one step at a time, and says for each failure what fixes
 * it: the token (step one), the token against the deployments (two), one harmless call per
 * function through the gateway (three) and what each answer means (four). It changes nothing,
 * except the optional round trip of one small picture of the caller's own.
 */
public final class Doctor {
    /**
     * What to check.
     *
     * @param audience    the primary audience the scopes are requested with
     * @param write       also upload, read back and delete one small picture
     * @param predictBody the body to send to the predict route, or null to skip it
     * @param app         the Fn application's name, for the {@code fn} commands in the fixes
     */
    public record Inputs(URI gatewayUrl, URI domainUrl, String clientId, String audience, boolean write,
                         byte[] predictBody, String app) {
    }

    private final HttpClient http;
    private final Deployments deployments;
    private final PolicyRenderer policies;
    private final Params params;
    private final Clock clock;

    public Doctor(HttpClient http, Params params, SpecRenderer specs,
                  PolicyRenderer policies, List<String> functions, Clock clock) {
        this.http = http;
        this.params = params;
        this.deployments = Deployments.render(params, specs, functions);
        this.policies = policies;
        this.clock = clock;
    }

    /** Runs every step; the secret is used for the token requests only and not kept. */
    public Report run(Inputs in, char[] secret) {
        Report report = new Report();
        TokenStep.Outcome token = TokenStep.run(new TokenClient(http), in.domainUrl(), in.clientId(), secret, in.audience(),
                List.copyOf(deployments.allScopes()));
        report.add(token.check());
        Optional<TokenCheck> decoded = Optional.ofNullable(token.accessToken()).flatMap(TokenCheck::decode);
        if (decoded.isEmpty()) {
            String why = token.accessToken() == null ? "no token (see " + TokenStep.NAME + ")" : "the token is not a signed JWT";
            for (String name : List.of(TokenCheck.CLAIMS, TokenCheck.KEY, TokenCheck.SCOPES)) {
                report.add(Check.skip(name, why));
            }
            deployments.targets().forEach(t -> report.add(Check.skip(t.function(), why)));
            return report;
        }
        TokenCheck t = decoded.get();
        List<String> predicted = new ArrayList<>();
        Check claims = t.claims(deployments.authentication(), clock.instant());
        Check key = t.key(deployments.authentication().path("validationPolicy"), this::jwks,
                in.domainUrl().resolve("/admin/v1/SigningCert/jwk").toString());
        for (Check c : List.of(claims, key, t.scopes(deployments.targets(), in.audience()))) {
            report.add(c);
            if (c.failed() && !c.name().equals(TokenCheck.SCOPES)) {
                predicted.add(c.cause());
            }
        }
        Map<String, Optional<PolicySet>> rendered = new LinkedHashMap<>();
        for (Deployments.Target target : deployments.targets()) {
            Probe probe = new Probe(http, in.gatewayUrl(), target.pathPrefix(), token.accessToken());
            Diagnosis.Context context = new Diagnosis.Context(in.app(), target, t.scopes(), predicted,
                    name -> rendered.computeIfAbsent(name, this::policySet));
            for (Check c : probe.checks(target.function(), t.subject(), in.write(), in.predictBody(), context)) {
                report.add(c);
            }
        }
        return report;
    }

    private String jwks(String url) {
        return JwksSource.fromUrl(http, URI.create(url));
    }

    private Optional<PolicySet> policySet(String name) {
        try {
            return Optional.of(policies.render(params, name));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Sends one request with the token; a transport failure is an answer of status 0. */
    static Answer send(HttpClient http, HttpRequest request) {
        try {
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(r.statusCode(), r.body(), r.headers().firstValue("opc-request-id"));
        } catch (IOException e) {
            return new Answer(0, ("cannot reach " + request.uri() + ": " + e).getBytes(StandardCharsets.UTF_8), Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "interrupted".getBytes(StandardCharsets.UTF_8), Optional.empty());
        }
    }

}
