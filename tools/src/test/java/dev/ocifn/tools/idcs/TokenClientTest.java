package dev.ocifn.tools.idcs;

import dev.ocifn.tools.ToolException;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import java.net.URI;
import java.net.http.HttpClient;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

public class TokenClientTest {
    private static final String CLIENT = "0123456789abcdef0123456789abcdef";
    private static final String SECRET = "s3cr3t:with&odd=chars";
    private static final String SCOPE = "https://ocifn.example.com/usage";

    private FakeTokenEndpoint idcs;
    private TokenClient client;

    @Before
    public void start() throws Exception {
        idcs = new FakeTokenEndpoint(CLIENT, SECRET, SCOPE);
        client = new TokenClient(HttpClient.newHttpClient());
    }

    @After
    public void stop() {
        idcs.close();
    }

    @Test
    public void clientCredentialsGrantReturnsTheBearerToken() {
        TokenClient.Token token = client.fetch(idcs.domainUrl(), CLIENT, SECRET.toCharArray(), SCOPE);
        assertEquals(FakeTokenEndpoint.TOKEN, token.accessToken());
        assertEquals("Bearer", token.tokenType());
        assertEquals(3600, token.expiresIn());
        assertFalse("the secret travels in the Authorization header only", idcs.lastBody().contains("s3cr3t"));
    }

    @Test
    public void wrongSecretReportsTheDomainsErrorWithoutTheSecret() {
        ToolException e = assertThrows(ToolException.class,
                () -> client.fetch(idcs.domainUrl(), CLIENT, "wrong-secret".toCharArray(), SCOPE));
        assertTrue(e.getMessage(), e.getMessage().contains("HTTP 401 invalid_client (Client authentication failed.)"));
        assertFalse(e.getMessage().contains("wrong-secret"));
    }

    @Test
    public void wrongScopeIsReported() {
        ToolException e = assertThrows(ToolException.class,
                () -> client.fetch(idcs.domainUrl(), CLIENT, SECRET.toCharArray(), "usage"));
        assertTrue(e.getMessage(), e.getMessage().contains("invalid_scope"));
    }

    @Test
    public void answerWithoutATokenIsAnError() {
        idcs.answer(200, "{\"token_type\":\"Bearer\"}");
        ToolException e = assertThrows(ToolException.class,
                () -> client.fetch(idcs.domainUrl(), CLIENT, SECRET.toCharArray(), SCOPE));
        assertTrue(e.getMessage(), e.getMessage().contains("without an access_token"));
    }

    @Test
    public void nonBearerTokenIsAnError() {
        idcs.answer(200, "{\"access_token\":\"abc\",\"token_type\":\"mac\"}");
        ToolException e = assertThrows(ToolException.class,
                () -> client.fetch(idcs.domainUrl(), CLIENT, SECRET.toCharArray(), SCOPE));
        assertTrue(e.getMessage(), e.getMessage().contains("expected Bearer"));
    }

    @Test
    public void domainUrlMustBeHttpsAndWithoutPath() {
        assertTrue(assertThrows(ToolException.class, () -> TokenClient.tokenEndpoint(
                URI.create("http://idcs-0123456789abcdef.identity.oraclecloud.com"))).getMessage().contains("https"));
        assertTrue(assertThrows(ToolException.class, () -> TokenClient.tokenEndpoint(
                URI.create("https://idcs-0123456789abcdef.identity.oraclecloud.com/oauth2/v1/token")))
                .getMessage().contains("without a path"));
        assertEquals(URI.create("https://idcs-0123456789abcdef.identity.oraclecloud.com/oauth2/v1/token"),
                TokenClient.tokenEndpoint(URI.create("https://idcs-0123456789abcdef.identity.oraclecloud.com/")));
    }
}
