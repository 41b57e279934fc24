package dev.ocifn.tools.apigw;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.RSAKey;
import dev.ocifn.tools.Fixtures;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * One set of scope names everywhere: every scope a README or a page of docs/ asks a token for
 * (written, as IDCS wants it, as the primary audience followed by the scope) is one the rendered
 * routes accept, and every {@code ADMIN_SCOPE} one configures is one the identity-domain set-up
 * (docs/deploy.md) creates.
 */
public class DocumentedScopesTest {
    private static final Pattern REQUESTED = Pattern.compile("https://ocifn\\.(?:local|example\\.com)/([A-Za-z0-9._-]+)");
    private static final Pattern ADMIN = Pattern.compile("(?:fn config [^\\n]*|`)ADMIN_SCOPE ([A-Za-z0-9._-]+)");
    private static final String SET_UP = "docs/deploy.md";
    private static final RSAKey SIGNING = Fixtures.rsaKey("SIGNING_KEY");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static List<Path> readmes() throws IOException {
        List<Path> out = new ArrayList<>();
        Path docs = Fixtures.REPO.root().resolve("docs");
        try (Stream<Path> files = Files.walk(Fixtures.REPO.root(), 3)) {
            files.filter(p -> p.getFileName().toString().equals("README.md")
                            || p.getParent().equals(docs) && p.getFileName().toString().endsWith(".md"))
                    .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/node_modules/"))
                    .forEach(out::add);
        }
        return out;
    }

    private Set<String> acceptedScopes() {
        Set<String> out = new TreeSet<>();
        SpecRenderer renderer = new SpecRenderer(Fixtures.REPO.apigwTemplates());
        renderer.render(Fixtures.exampleParams(tmp.getRoot().toPath(), SIGNING)).values().forEach(spec -> {
            for (JsonNode route : spec.get("routes")) {
                route.path("requestPolicies").path("authorization").path("allowedScope").forEach(s -> out.add(s.asText()));
            }
        });
        return out;
    }

    @Test
    public void everyScopeAReadmeRequestsIsOneTheRoutesAccept() throws IOException {
        Set<String> accepted = acceptedScopes();
        assertEquals(Set.of("usage", "search", "pictures", "predict"), accepted);
        Set<String> requested = new TreeSet<>();
        for (Path readme : readmes()) {
            Matcher m = REQUESTED.matcher(read(readme));
            while (m.find()) {
                requested.add(m.group(1));
                assertTrue(readme + " asks for scope '" + m.group(1) + "', which no route accepts (" + accepted + ")",
                        accepted.contains(m.group(1)));
            }
        }
        assertFalse("no README asks for a scope", requested.isEmpty());
    }

    @Test
    public void everyAdminScopeAReadmeConfiguresIsCreatedInTheIdentityDomain() throws IOException {
        String setUp = read(Fixtures.REPO.root().resolve(SET_UP));
        int found = 0;
        for (Path readme : readmes()) {
            Matcher m = ADMIN.matcher(read(readme));
            while (m.find()) {
                found++;
                assertTrue(readme + " configures ADMIN_SCOPE " + m.group(1) + ", which " + SET_UP + " does not create",
                        setUp.contains("`" + m.group(1) + "`"));
            }
        }
        assertTrue("no README configures ADMIN_SCOPE", found > 0);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
