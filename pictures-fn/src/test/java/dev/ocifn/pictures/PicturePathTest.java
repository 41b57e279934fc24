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

    @Test
    public void unknownShapesAreNotFound() {
        for (String bad : new String[]{"/pictures", "/", "/a/b/c", "/pictures/a/b/c", "relative/path"}) {
            assertEquals(bad, 404, refused(bad).status());
        }
        assertEquals(400, refused("").status());
    }

    @Test
    public void limitsAreInclusive() {
        object("/pictures/" + "u".repeat(128) + "/" + "f".repeat(255), "u".repeat(128), "f".repeat(255));
        assertEquals(400, refused("/pictures/" + "u".repeat(129) + "/a").status());
        assertEquals(400, refused("/pictures/u/" + "f".repeat(256)).status());
    }
}
