package dev.ocifn.pictures;

import dev.ocifn.support.FnError;
import org.junit.Test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

public class PicturePathTest {
    private static void object(String rawPath, String userId, String filename) {
        PicturePath p = PicturePath.parse(rawPath);
        assertFalse(rawPath, p.isList());
        assertEquals(rawPath, userId, p.userId());
        assertEquals(rawPath, filename, p.filename().orElseThrow());
        assertEquals(userId + "/" + filename, p.objectName());
    }

    private static void list(String rawPath, String userId) {
        PicturePath p = PicturePath.parse(rawPath);
        assertTrue(rawPath, p.isList());
        assertEquals(userId, p.userId());
        assertEquals(userId + "/", p.prefix());
    }

    private static FnError refused(String rawPath) {
        return assertThrows(rawPath, FnError.class, () -> PicturePath.parse(rawPath));
    }

    @Test
    public void findsTheRouteFromTheEnd() {
        object("/pictures/john/avatar.jpg", "john", "avatar.jpg");
        object("/api/v1/pictures/john/avatar.jpg", "john", "avatar.jpg");
        object("/pictures/pictures/pictures", "pictures", "pictures");
        object("/pictures/john/pictures", "john", "pictures");
        list("/pictures/john", "john");
        list("/deploy/pictures/john", "john");
    }

    @Test
    public void withoutThePrefixTwoSegmentsAreUserAndFile() {
        object("/john/avatar.jpg", "john", "avatar.jpg");
        list("/john", "john");
    }

    @Test
    public void decodesOnceAndKeepsPlus() {
        object("/pictures/john/my%20cat%2B1.jpg", "john", "my cat+1.jpg");
        object("/pictures/john+doe%40example.com/a+b.png", "john+doe@example.com", "a+b.png");
        object("/pictures/jo%68n/a.jpg", "john", "a.jpg");
        assertEquals(400, refused("/pictures/john/a%2520b.jpg").status()); // %25 -> '%', not decoded again
    }

    @Test
    public void nothingLeavesTheUsersPrefix() {
        for (String bad : new String[]{"/pictures/../a.jpg", "/pictures/john/..", "/pictures/john/%2E%2E",
                "/pictures/john/%2e%2E%2fa.jpg", "/pictures/john%2F..%2Fjane/a.jpg", "/pictures/john/a%5c..%5cb",
                "/pictures/./a.jpg", "/pictures/john/.", "/pictures/john/%00", "/pictures/john/a%0d%0aX-Evil:%201",
                "/pictures/%E2%80%AEjohn/a.jpg", "/pictures/john/a*.jpg", "/pictures/john/a?.jpg", "/pictures/john/a:b"}) {
            FnError e = refused(bad);
            assertEquals(bad, 400, e.status());
            assertEquals(bad, "InvalidParameter", e.code());
        }
    }

    /** The subjects of every identity provider the project supports, raw and percent-encoded in the path. */
    @Test
    public void everySupportedProvidersSubjectIsAUserId() {
        String[] subjects = {
                "3f6a1c2b9d8e4f7a8b0c1d2e3f4a5b6c",           // IDCS client id (client credentials)
                "jane.doe+photos@example.co.uk",                // IDCS user name: an e-mail address
                "auth0|64f0c2a1b9e8d7c6b5a49382",               // Auth0 database user
                "google-oauth2|104387651234567890123",          // Auth0 social login
                "00u1abcd2EFGH3ijk4x7",                         // Okta user id
                "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ",  // Entra ID (base64url)
                "k-Zq_8mN3pL0vX9wY2tR1sU4aB6cD7eF5gH0iJ2kL3m",  // Entra ID with '-' and '_'
                "oid:9f8e7d6c=!$&'()*,;~"};                     // other printable characters
        for (String subject : subjects) {
            object("/pictures/" + subject + "/a.jpg", subject, "a.jpg");
            object("/pictures/" + encodeAll(subject) + "/a.jpg", subject, "a.jpg");
            list("/pictures/" + subject.replace("|", "%7C"), subject);
        }
    }

    @Test
    public void aUserIdKeepsEveryRefusalThatProtectsThePrefix() {
        for (String bad : new String[]{"/pictures/a%2Fb/x.jpg", "/pictures/a%2fb/x.jpg", "/pictures/a%5Cb/x.jpg",
                "/pictures/a\\b/x.jpg", "/pictures/a..b/x.jpg", "/pictures/..%2F/x.jpg", "/pictures/.a/x.jpg",
                "/pictures/a%00b/x.jpg", "/pictures/a%0Ab/x.jpg", "/pictures/a%09b/x.jpg", "/pictures/a%7Fb/x.jpg",
                "/pictures/a%20b/x.jpg", "/pictures/a%252Fb/x.jpg", "/pictures/a%25b/x.jpg", "/pictures/caf%C3%A9/x.jpg"}) {
            assertEquals(bad, 400, refused(bad).status());
        }
    }

    private static String encodeAll(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.US_ASCII)) {
            out.append(String.format("%%%02X", b));
        }
        return out.toString();
    }

    @Test
    public void theUploadUrlRoute() {
        PicturePath p = PicturePath.parse("/pictures/auth0%7Cabc/big.jpg/upload-url");
        assertTrue(p.isUploadUrl());
        assertEquals("auth0|abc/big.jpg", p.objectName());
        assertTrue(PicturePath.parse("/v1/pictures/john/big.jpg/upload-url").isUploadUrl());
        assertTrue(PicturePath.parse("/john/big.jpg/upload-url").isUploadUrl());
        PicturePath named = PicturePath.parse("/pictures/john/upload-url");
        assertFalse(named.isUploadUrl());
        assertEquals("john/upload-url", named.objectName());
        assertFalse(PicturePath.parse("/pictures/john/a.jpg").isUploadUrl());
        assertEquals(404, refused("/pictures/john/a.jpg/download-url").status());
    }

    @Test
    public void unknownShapesAreNotFound() {
        for (String bad : new String[]{"/pictures", "/", "/a/b/c", "/pictures/a/b/c", "relative/path"}) {
            assertEquals(bad, 404, refused(bad).status());
        }
        assertEquals(400, refused("").status());
    }

    @Test
    public void limitsAreInclusive() {
        object("/pictures/" + "u".repeat(255) + "/" + "f".repeat(255), "u".repeat(255), "f".repeat(255));
        assertEquals(400, refused("/pictures/" + "u".repeat(256) + "/a").status());
        assertEquals(400, refused("/pictures/u/" + "f".repeat(256)).status());
    }
}
