package dev.ocifn.localoci;

import dev.ocifn.ocifake.RecordedRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The {@code limit} / {@code page} / {@code opc-next-page} paging of the Usage and Search APIs.
 * The token is opaque to the caller; it carries the offset and a fingerprint of the question,
 * so a token from one query is refused for another, as a real service refuses a stale token.
 */
public final class Paging {
    private static final String PREFIX = "lp1.";

    /** One page of answers and the token of the next, null on the last page. */
    public record Page<T>(List<T> items, String next) {
    }

    private Paging() {
    }

    public static <T> Page<T> slice(List<T> all, RecordedRequest request, int defaultLimit, int maxLimit, String fingerprint) {
        int limit = limit(request.query("limit"), defaultLimit, maxLimit);
        int offset = offset(request.query("page"), fingerprint);
        if (offset > all.size()) {
            throw OciError.invalid("page: the page token does not belong to this query");
        }
        int end = Math.min(all.size(), offset + limit);
        String next = end < all.size() ? token(end, fingerprint) : null;
        return new Page<>(all.subList(offset, end), next);
    }

    public static int limit(Optional<String> raw, int defaultLimit, int maxLimit) {
        if (raw.isEmpty()) {
            return defaultLimit;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value >= 1 && value <= maxLimit) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw OciError.invalid("limit: must be a whole number from 1 to " + maxLimit);
    }

    /** A short hash of what identifies the question (not the limit, which may change between pages). */
    public static String fingerprint(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update((part == null ? "\u0000" : part).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0x1f);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String token(int offset, String fingerprint) {
        String plain = PREFIX + offset + "." + fingerprint;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(Optional<String> page, String fingerprint) {
        if (page.isEmpty()) {
            return 0;
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(page.get()), StandardCharsets.UTF_8);
            String[] parts = plain.split("\\.");
            if (plain.startsWith(PREFIX) && parts.length == 3 && parts[2].equals(fingerprint)) {
                int offset = Integer.parseInt(parts[1]);
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException ignored) {
            // reported below (NumberFormatException is an IllegalArgumentException)
        }
        throw OciError.invalid("page: the page token is not valid for this query");
    }
}
