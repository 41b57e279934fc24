package dev.ocifn.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.ocifn.tools.json.JsonFiles;
import dev.ocifn.tools.template.Params;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Shared test inputs: the repository's example parameters and freshly generated RSA keys. */
public final class Fixtures {
    public static final RepoLayout REPO = RepoLayout.fromWorkingDirectory();

    private Fixtures() {
    }

    public static RSAKey rsaKey(String kid) {
        try {
            RSAKeyGenerator generator = new RSAKeyGenerator(2048);
            generator.algorithm(JWSAlgorithm.RS256);
            if (kid != null) {
                generator.keyID(kid);
            }
            return generator.generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A key as an identity domain publishes it at /admin/v1/SigningCert/jwk: key_ops instead of
     * use, and certificate fields the gateway does not take.
     */
    public static ObjectNode idcsShapedKey(RSAKey key) {
        ObjectNode jwk = (ObjectNode) JsonFiles.parse(key.toPublicJWK().toJSONString(), "test key");
        jwk.remove("use");
        jwk.put("x5t#S256", "gHdIaH54tZt-b09W7_bTALX0DSj5t_Tsy6Wy2P1M_3E");
        jwk.put("x5t", "L_vneVBMiKA-ObXpNt8FZC4sRSY");
        jwk.putArray("x5c").add("MIIDYTCCAkmgAwIBAgIGAXRBgoJk");
        jwk.putArray("key_ops").add("encrypt").add("verify").add("wrapKey");
        return jwk;
    }

    public static String jwks(ObjectNode... keys) {
        ObjectNode set = JsonFiles.mapper().createObjectNode();
        for (ObjectNode key : keys) {
            set.withArray("keys").add(key);
        }
        return set.toString();
    }

    public static Path exampleParamsFile() {
        return REPO.root().resolve("apigw/params.example.json");
    }

    public static Path remoteJwksParamsFile() {
        return REPO.root().resolve("apigw/params.remote-jwks.example.json");
    }

    /**
     * The example parameters copied into {@code dir}, next to the static key file they name, as
     * after the README's "fetch and convert the key" step.
     */
    public static Path exampleParamsIn(Path dir, RSAKey signingKey) {
        try {
            Path params = dir.resolve("params.json");
            Files.copy(exampleParamsFile(), params);
            ObjectNode converted = JsonFiles.mapper().createObjectNode();
            converted.put("kid", signingKey.getKeyID());
            converted.put("kty", "RSA");
            converted.put("use", "sig");
            converted.put("alg", "RS256");
            converted.put("n", signingKey.getModulus().toString());
            converted.put("e", signingKey.getPublicExponent().toString());
            JsonFiles.write(dir.resolve("idcs-signing-key.json"), converted);
            return params;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Params exampleParams(Path dir, RSAKey signingKey) {
        return Params.load(exampleParamsIn(dir, signingKey));
    }

    /** The example parameters with one value replaced (dotted path), written to {@code dir}. */
    public static Params exampleParamsWith(Path dir, RSAKey signingKey, String path, Object value) {
        Path file = exampleParamsIn(dir, signingKey);
        ObjectNode root = JsonFiles.readObject(file);
        ObjectNode parent = root;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            parent = (ObjectNode) parent.get(parts[i]);
        }
        String leaf = parts[parts.length - 1];
        if (value == null) {
            parent.remove(leaf);
        } else {
            parent.set(leaf, JsonFiles.mapper().valueToTree(value));
        }
        JsonFiles.write(file, root);
        return Params.load(file);
    }
}
