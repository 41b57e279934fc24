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
    WEBP("image/webp", List.of("webp")),
    HEIC("image/heic", List.of("heic")),
    AVIF("image/avif", List.of("avif")),
    HEIF("image/heif", List.of("heif"));

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    /**
     * The file-type box brands of the ISO base media file format pictures: HEIC (HEVC-coded HEIF
     * images and sequences) and the generic HEIF brands as ISO/IEC 23008-12 registers them, AVIF
     * as the AV1 Image File Format specification (aomediacodec.github.io/av1-avif) does.
     */
    private static final List<String> HEIC_BRANDS = List.of("heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs");
    private static final List<String> AVIF_BRANDS = List.of("avif", "avis");
    private static final List<String> HEIF_BRANDS = List.of("mif1", "msf1");
    /** How many leading bytes a check reads: the ftyp box with a few compatible brands. */
    static final int SIGNATURE_BYTES = 64;

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
                return brands(b).stream().anyMatch(brands()::contains);
        }
    }

    private List<String> brands() {
        return this == HEIC ? HEIC_BRANDS : this == AVIF ? AVIF_BRANDS : this == HEIF ? HEIF_BRANDS : List.of();
    }

    /**
     * The brands of an ISO base media file's leading {@code ftyp} box: its size (4 bytes, big
     * endian), "ftyp" at offset 4, the major brand at 8, a minor version, then compatible brands
     * up to the box's end (or as far as the bytes go). Empty when the bytes do not start so.
     */
    static List<String> brands(byte[] b) {
        if (!startsWith(b, 4, ascii("ftyp")) || b.length < 12) {
            return List.of();
        }
        long size = ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        if (size < 16) {
            return List.of();
        }
        List<String> out = new java.util.ArrayList<>();
        out.add(new String(b, 8, 4, java.nio.charset.StandardCharsets.US_ASCII));
        for (int at = 16; at + 4 <= Math.min(size, b.length); at += 4) {
            out.add(new String(b, at, 4, java.nio.charset.StandardCharsets.US_ASCII));
        }
        return out;
    }

    /**
     * The format the bytes are, if any of these. For an ftyp box the major brand decides first
     * (an AVIF file often lists the generic HEIF brand among its compatible ones), then the
     * compatible brands.
     */
    static Optional<ImageType> sniff(byte[] bytes) {
        List<String> brands = brands(bytes);
        if (!brands.isEmpty()) {
            return Arrays.stream(values()).filter(t -> t.brands().contains(brands.get(0))).findFirst()
                    .or(() -> Arrays.stream(values()).filter(t -> t.matches(bytes)).findFirst());
        }
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
     * types ({@code image/png}). Null means the default, all of them.
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
