package dev.ocifn.support;

import com.oracle.bmc.ConfigFileReader;
import com.oracle.bmc.auth.BasicAuthenticationDetailsProvider;
import com.oracle.bmc.auth.ConfigFileAuthenticationDetailsProvider;
import com.oracle.bmc.auth.ResourcePrincipalAuthenticationDetailsProvider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Who the function is towards OCI. Inside OCI Functions that is its resource principal (the
 * {@code OCI_RESOURCE_PRINCIPAL_*} settings, file paths or literal values); for a local run
 * against a real tenancy it is an API-key profile; tests pass a resource principal of their own.
 */
public final class OciAuth {
    public static final String RP_VERSION = "OCI_RESOURCE_PRINCIPAL_VERSION";
    public static final String RP_RPST = "OCI_RESOURCE_PRINCIPAL_RPST";
    public static final String RP_PRIVATE_PEM = "OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM";
    public static final String RP_PASSPHRASE = "OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM_PASSPHRASE";
    public static final String RP_REGION = "OCI_RESOURCE_PRINCIPAL_REGION";
    public static final String CONFIG_FILE = "OCI_CONFIG_FILE";
    public static final String PROFILE = "OCI_PROFILE";

    private final BasicAuthenticationDetailsProvider provider;
    private final String tenancyId;
    private final String description;

    private OciAuth(BasicAuthenticationDetailsProvider provider, String tenancyId, String description) {
        this.provider = provider;
        this.tenancyId = tenancyId;
        this.description = description;
    }

    /** For code that already holds a provider (the local stack, tools). */
    public static OciAuth of(BasicAuthenticationDetailsProvider provider, String tenancyId) {
        return new OciAuth(provider, tenancyId, "explicit provider");
    }

    /**
     * Chooses the principal from the settings. Failing that, a 500 that names the missing
     * settings; no value of any setting appears in it.
     */
    public static OciAuth from(Settings settings) {
        if (settings.has(RP_VERSION)) {
            return resourcePrincipal(settings);
        }
        Path configFile = configFile(settings);
        if (Files.isRegularFile(configFile)) {
            return apiKeyProfile(settings, configFile);
        }
        throw FnError.misconfigured("no OCI credentials: set " + RP_VERSION + ", " + RP_RPST + ", "
                + RP_PRIVATE_PEM + " and " + RP_REGION + " (a resource principal, as OCI Functions does), or "
                + CONFIG_FILE + " and " + PROFILE + " for an API-key profile (" + configFile + " does not exist)");
    }

    private static OciAuth resourcePrincipal(Settings s) {
        String version = s.required(RP_VERSION);
        if (!version.equals("2.2")) {
            throw FnError.misconfigured(RP_VERSION + " must be 2.2 (the version OCI Functions sets)");
        }
        List<String> missing = new ArrayList<>();
        for (String key : List.of(RP_RPST, RP_PRIVATE_PEM, RP_REGION)) {
            if (!s.has(key)) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            throw FnError.misconfigured("resource principal incomplete: " + String.join(", ", missing) + " not set");
        }
        ResourcePrincipalAuthenticationDetailsProvider provider;
        try {
            provider = ResourcePrincipalAuthenticationDetailsProvider.ResourcePrincipalAuthenticationDetailsProviderBuilder
                    .build_2_2(s.get(RP_PRIVATE_PEM).get(), s.get(RP_PASSPHRASE).orElse(null),
                            s.get(RP_RPST).get(), s.get(RP_REGION).get(), "configuration");
        } catch (RuntimeException e) {
            // The SDK's message may quote a setting; say which kind of failure it was, nothing more.
            throw FnError.misconfigured("resource principal settings cannot be used ("
                    + e.getClass().getSimpleName() + "): check " + RP_RPST + ", " + RP_PRIVATE_PEM + " and " + RP_REGION);
        }
        String tenancy = provider.getStringClaim(ResourcePrincipalAuthenticationDetailsProvider.ClaimKeys.TENANT_ID_CLAIM_KEY);
        return new OciAuth(provider, tenancy, "resource principal");
    }

    private static OciAuth apiKeyProfile(Settings s, Path configFile) {
        String profile = s.get(PROFILE).orElse("DEFAULT");
        try {
            ConfigFileReader.ConfigFile file = ConfigFileReader.parse(configFile.toString(), profile);
            ConfigFileAuthenticationDetailsProvider provider = new ConfigFileAuthenticationDetailsProvider(file);
            return new OciAuth(provider, provider.getTenantId(), "API-key profile " + profile);
        } catch (IOException | RuntimeException e) {
            throw FnError.misconfigured("API-key profile " + profile + " in " + configFile + " cannot be used ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    static Path configFile(Settings s) {
        String raw = s.get(CONFIG_FILE).orElse("~/.oci/config");
        if (raw.startsWith("~/")) {
            raw = System.getProperty("user.home") + raw.substring(1);
        }
        return Path.of(raw);
    }

    public BasicAuthenticationDetailsProvider provider() {
        return provider;
    }

    /** The tenancy OCID of this principal ({@code res_tenant} of the RPST, or the profile's tenancy). */
    public String tenancyId() {
        return tenancyId;
    }

    /** Which kind of principal, for logs; never a key or token. */
    public String description() {
        return description;
    }
}
