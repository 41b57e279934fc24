package dev.ocifn.pictures;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The picture formats the function stores, each recognised by its leading bytes ("magic
 * number"), so a declared type is believed only when the bytes agree with it.
 */
enum ImageType {
    JPEG("image/jpeg", List.of("jpeg", "jpg")),
    PNG("image/png", List.of("png")),
    GIF("image/gif", List.of("gif")),
    WEBP("image/webp", List.of("webp"));

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final String mime;
    private final List<String> names;

    ImageType(String mime, List<String> names) {
        this.mime = mime;
        this.names = names;
    }

    String mime() {
        return mime;
    }

    /** True when the bytes start the way a file of this format must. */
    boolean matches(byte[] b) {
        switch (this) {
            case JPEG:
                return startsWith(b, 0, new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
            case PNG:
                return startsWith(b, 0, PNG_SIGNATURE);
            case GIF:
                return startsWith(b, 0, ascii("GIF87a")) || startsWith(b, 0, ascii("GIF89a"));
            case WEBP:
                return startsWith(b, 0, ascii("RIFF")) && startsWith(b, 8, ascii("WEBP"));
            default:
                return false;
        }
    }

    /** The format the bytes are, if any of these. */
    static Optional<ImageType> sniff(byte[] bytes) {
        return Arrays.stream(values()).filter(t -> t.matches(bytes)).findFirst();
    }

    /** The format a media type names ({@code image/jpg} is a common misspelling of image/jpeg). */
    static Optional<ImageType> ofMediaType(String mediaType) {
        String m = mediaType.toLowerCase(Locale.ROOT);
        if (m.equals("image/jpg")) {
            return Optional.of(JPEG);
        }
        return Arrays.stream(values()).filter(t -> t.mime.equals(m)).findFirst();
    }

    /** The format a file name's extension suggests; only a guess, the bytes were not read. */
    static Optional<ImageType> guessFromName(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String ext = name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.names.contains(ext)).findFirst();
    }

    /**
     * Parses ALLOWED_TYPES: a comma-separated list of short names ({@code jpeg, png}) or media
     * types ({@code image/png}). Null means the default, all four.
     *
     * @throws IllegalArgumentException naming the entry that is not one of the known formats
     */
    static Set<ImageType> parseList(String raw) {
        if (raw == null) {
            return EnumSet.allOf(ImageType.class);
        }
        Set<ImageType> out = EnumSet.noneOf(ImageType.class);
        for (String entry : raw.split(",")) {
            String e = entry.trim().toLowerCase(Locale.ROOT);
            if (e.isEmpty()) {
                continue;
            }
            Optional<ImageType> type = e.contains("/") ? ofMediaType(e)
                    : Arrays.stream(values()).filter(t -> t.names.contains(e)).findFirst();
            out.add(type.orElseThrow(() -> new IllegalArgumentException("'" + entry.trim() + "' is not one of "
                    + describe(EnumSet.allOf(ImageType.class)))));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("lists no type; use some of " + describe(EnumSet.allOf(ImageType.class)));
        }
        return out;
    }

    static String describe(Set<ImageType> types) {
        return types.stream().map(ImageType::mime).collect(Collectors.joining(", "));
    }

    private static boolean startsWith(byte[] b, int offset, byte[] prefix) {
        if (b.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
