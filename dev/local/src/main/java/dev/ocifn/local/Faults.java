package dev.ocifn.local;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Misconfigurations the local stack can start with, each one the way it happens in OCI: a
 * parameter rendered into the specifications with a wrong value (an audience, an issuer, a path
 * prefix), a client the identity domain does not grant every scope, a function setting that
 * was never set, an operation no IAM policy allows (local OCI answers it 404
 * {@code NotAuthorizedOrNotFound}). For trying {@code tools doctor} and for its tests.
 *
 * @param params           parameter path (such as {@code auth.audiences}) to the value rendered instead
 * @param clientScopes     the scopes the stack's client is granted; null grants all
 * @param unsetSettings    per function, settings left out of its configuration
 * @param deniedOperations OCI operations (such as {@code ListObjects}) answered as without a policy
 */
public record Faults(Map<String, JsonNode> params, Set<String> clientScopes, Map<String, Set<String>> unsetSettings,
                     Set<String> deniedOperations) {
    public static final Faults NONE = new Faults(Map.of(), null, Map.of(), Set.of());

    public Faults withParam(String path, JsonNode value) {
        Map<String, JsonNode> all = new LinkedHashMap<>(params);
        all.put(path, value);
        return new Faults(Map.copyOf(all), clientScopes, unsetSettings, deniedOperations);
    }

    public Faults withClientScopes(String... scopes) {
        return new Faults(params, Set.of(scopes), unsetSettings, deniedOperations);
    }

    public Faults withoutSetting(String fn, String key) {
        Map<String, Set<String>> all = new LinkedHashMap<>(unsetSettings);
        Set<String> keys = new LinkedHashSet<>(all.getOrDefault(fn, Set.of()));
        keys.add(key);
        all.put(fn, Set.copyOf(keys));
        return new Faults(params, clientScopes, Map.copyOf(all), deniedOperations);
    }

    public Faults denying(String... operations) {
        Set<String> all = new LinkedHashSet<>(deniedOperations);
        all.addAll(Set.of(operations));
        return new Faults(params, clientScopes, unsetSettings, Set.copyOf(all));
    }
}
