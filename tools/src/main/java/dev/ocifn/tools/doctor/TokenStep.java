package dev.ocifn.tools.doctor;

import dev.ocifn.tools.ToolException;
import dev.ocifn.tools.idcs.TokenClient;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Step one: a token with client credentials for every scope the deployments' routes accept. When
 * the domain refuses the set with {@code invalid_scope}, each scope is asked for alone to name the
 * ones this client may not have, and the token is fetched for the others, so that the functions
 * they reach can still be checked.
 */
final class TokenStep {
    static final String NAME = "token";

    /** The check, and the token when there is one (possibly without some scopes). */
    record Outcome(Check check, String accessToken) {
    }

    private TokenStep() {
    }

    static Outcome run(TokenClient client, URI domain, String clientId, char[] secret, String audience, List<String> scopes) {
        List<String> requested = scopes.stream().map(s -> audience + s).toList();
        try {
            String token = client.fetch(domain, clientId, secret, String.join(" ", requested)).accessToken();
            return new Outcome(Check.pass(NAME, "issued for " + String.join(" ", requested)), token);
        } catch (TokenClient.Refused e) {
            if (!"invalid_scope".equals(e.error())) {
                return new Outcome(explain(e, clientId, domain), null);
            }
        } catch (ToolException e) {
            return new Outcome(Check.fail(NAME, e.getMessage(), "check --domain-url (the identity domain's URL, as in the"
                    + " console's domain overview) and that this machine reaches it"), null);
        }
        List<String> granted = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (String scope : requested) {
            try {
                client.fetch(domain, clientId, secret, scope);
                granted.add(scope);
            } catch (TokenClient.Refused e) {
                refused.add(scope);
            }
        }
        String fix = "in the identity domain, add " + String.join(", ", refused) + " to the client application " + clientId
                + " (Client configuration, Token issuance policy, Add scope); a scope is the resource application's primary"
                + " audience followed by the scope name: if the primary audience is not " + audience
                + ", pass --audience or correct auth.audiences in the parameters";
        Check check = Check.fail(NAME, "the domain refused " + String.join(", ", refused) + " (invalid_scope)"
                + (granted.isEmpty() ? "" : "; granted " + String.join(", ", granted)), fix);
        if (granted.isEmpty()) {
            return new Outcome(check, null);
        }
        try {
            return new Outcome(check, client.fetch(domain, clientId, secret, String.join(" ", granted)).accessToken());
        } catch (ToolException e) {
            return new Outcome(check, null);
        }
    }

    /** The RFC 6749 (section 5.2) errors a client-credentials request gets, each with its fix. */
    private static Check explain(TokenClient.Refused e, String clientId, URI domain) {
        String fix = switch (e.error()) {
            case "invalid_client" -> "the client id " + clientId + " or its secret is wrong, or the application is not"
                    + " activated: copy both again from the client application in the identity domain " + domain;
            case "unauthorized_client" -> "allow the grant type Client credentials in the client application " + clientId;
            case "unsupported_grant_type" -> "allow the grant type Client credentials in the client application " + clientId;
            default -> "read the identity domain's answer above; check the client application " + clientId;
        };
        return Check.fail(NAME, e.getMessage(), fix);
    }
}
