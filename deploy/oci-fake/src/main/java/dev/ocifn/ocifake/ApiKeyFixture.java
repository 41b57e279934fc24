package dev.ocifn.ocifake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.UUID;

/** An API-key user and the {@code ~/.oci/config} profile that names it. */
public final class ApiKeyFixture {
    private final KeyPair key = Keys.rsa();
    private final String tenancyId = "ocid1.tenancy.oc1..apikey" + UUID.randomUUID().toString().replace("-", "");
    private final String userId = "ocid1.user.oc1..apikey" + UUID.randomUUID().toString().replace("-", "");

    public String keyId() {
        return tenancyId + "/" + userId + "/" + Keys.fingerprint(key.getPublic());
    }

    public PublicKey publicKey() {
        return key.getPublic();
    }

    public String tenancyId() {
        return tenancyId;
    }

    /** Writes the key file and a config file with this profile into {@code dir}; returns the config file. */
    public Path writeConfig(Path dir, String profile) {
        try {
            Path pem = Files.writeString(dir.resolve("oci_api_key.pem"), Keys.privatePem(key));
            String text = "[" + profile + "]\n"
                    + "user=" + userId + "\n"
                    + "fingerprint=" + Keys.fingerprint(key.getPublic()) + "\n"
                    + "tenancy=" + tenancyId + "\n"
                    + "region=" + ResourcePrincipalFixture.REGION + "\n"
                    + "key_file=" + pem + "\n";
            return Files.writeString(dir.resolve("config"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
