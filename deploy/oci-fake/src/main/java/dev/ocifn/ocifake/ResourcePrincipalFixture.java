package dev.ocifn.ocifake;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A resource principal of our own making, shaped like the one OCI Functions hands a function: a
 * session key pair and an RPST (a JWT naming the function's tenancy, compartment and id, and
 * carrying the session public key in its {@code jwk} claim), signed by an issuer key that the
 * {@link FakeOciServer} trusts the way OCI trusts its identity service.
 */
public final class ResourcePrincipalFixture {
    public static final String REGION = "us-ashburn-1";

    private final KeyPair issuer;
    private final KeyPair session = Keys.rsa();
    private final String tenancyId;
    private final String compartmentId;
    private final String functionId;
    private final String rpst;

    private ResourcePrincipalFixture(KeyPair issuer, String tenancyId, Instant expires) {
        this.issuer = issuer;
        String unique = UUID.randomUUID().toString().replace("-", "");
        this.tenancyId = tenancyId;
        this.compartmentId = "ocid1.compartment.oc1..test" + unique;
        this.functionId = "ocid1.fnfunc.oc1.iad.test" + unique;
        this.rpst = sign(expires);
    }

    /** A fresh principal in a fresh tenancy, valid for an hour. */
    public static ResourcePrincipalFixture create() {
        return new ResourcePrincipalFixture(Keys.rsa(),
                "ocid1.tenancy.oc1..test" + UUID.randomUUID().toString().replace("-", ""),
                Instant.now().plus(Duration.ofHours(1)));
    }

    /** The same principal with a token that expired a minute ago. */
    public ResourcePrincipalFixture expired() {
        return new ResourcePrincipalFixture(issuer, tenancyId, Instant.now().minus(Duration.ofMinutes(1)));
    }

    private String sign(Instant expires) {
        try {
            RSAKey sessionJwk = new RSAKey.Builder((RSAPublicKey) session.getPublic()).keyID("session").build();
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer("authService.oracle.com")
                    .subject(functionId)
                    .issueTime(new Date())
                    .expirationTime(Date.from(expires))
                    .claim("res_tenant", tenancyId)
                    .claim("res_compartment", compartmentId)
                    .claim("res_type", "fnfunc")
                    .claim("res_id", functionId)
                    .claim("jwk", sessionJwk.toJSONString())
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("issuer").build(), claims);
            jwt.sign(new RSASSASigner(issuer.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code OCI_RESOURCE_PRINCIPAL_*} settings with literal values. */
    public Map<String, String> config() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("OCI_RESOURCE_PRINCIPAL_VERSION", "2.2");
        c.put("OCI_RESOURCE_PRINCIPAL_RPST", rpst);
        c.put("OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM", Keys.privatePem(session));
        c.put("OCI_RESOURCE_PRINCIPAL_REGION", REGION);
        return c;
    }

    /** The same settings as OCI Functions gives them: RPST and key as files in {@code dir}. */
    public Map<String, String> configAsFiles(Path dir) {
        try {
            Path token = Files.writeString(dir.resolve("rpst"), rpst);
            Path pem = Files.writeString(dir.resolve("private.pem"), Keys.privatePem(session));
            Map<String, String> c = config();
            c.put("OCI_RESOURCE_PRINCIPAL_RPST", token.toString());
            c.put("OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM", pem.toString());
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RSAPublicKey issuerKey() {
        return (RSAPublicKey) issuer.getPublic();
    }

    public String rpst() {
        return rpst;
    }

    public String tenancyId() {
        return tenancyId;
    }

    public String compartmentId() {
        return compartmentId;
    }

    public String functionId() {
        return functionId;
    }
}
