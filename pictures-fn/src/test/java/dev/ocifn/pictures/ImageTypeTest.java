package dev.ocifn.pictures;

import org.junit.Test;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Optional;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

public class ImageTypeTest {
    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    public void recognisesEachSignature() {
        assertEquals(Optional.of(ImageType.JPEG), ImageType.sniff(bytes(0xFF, 0xD8, 0xFF, 0xDB, 0)));
        assertEquals(Optional.of(ImageType.PNG), ImageType.sniff(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0)));
        assertEquals(Optional.of(ImageType.GIF), ImageType.sniff(ascii("GIF87a....")));
        assertEquals(Optional.of(ImageType.GIF), ImageType.sniff(ascii("GIF89a....")));
        assertEquals(Optional.of(ImageType.WEBP), ImageType.sniff(ascii("RIFF\u0010\u0000\u0000\u0000WEBPVP8 ")));
    }

    @Test
    public void refusesNearMisses() {
        assertEquals(Optional.empty(), ImageType.sniff(bytes(0xFF, 0xD8)));
        assertEquals(Optional.empty(), ImageType.sniff(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A)));
        assertEquals(Optional.empty(), ImageType.sniff(bytes(0x89, 'P', 'N', 'G', 0x0A, 0x0A, 0x1A, 0x0A)));
        assertEquals(Optional.empty(), ImageType.sniff(ascii("GIF88a....")));
        assertEquals(Optional.empty(), ImageType.sniff(ascii("RIFF\u0010\u0000\u0000\u0000WAVEfmt ")));
        assertEquals(Optional.empty(), ImageType.sniff(ascii("RIFF....WEB")));
        assertEquals(Optional.empty(), ImageType.sniff(new byte[0]));
        assertEquals(Optional.empty(), ImageType.sniff(ascii("<svg xmlns=")));
        assertFalse(ImageType.PNG.matches(bytes(0xFF, 0xD8, 0xFF)));
    }

    @Test
    public void mediaTypesAndTheJpgMisspelling() {
        assertEquals(Optional.of(ImageType.JPEG), ImageType.ofMediaType("image/jpeg"));
        assertEquals(Optional.of(ImageType.JPEG), ImageType.ofMediaType("IMAGE/JPG"));
        assertEquals(Optional.of(ImageType.WEBP), ImageType.ofMediaType("image/webp"));
        assertEquals(Optional.empty(), ImageType.ofMediaType("image/svg+xml"));
        assertEquals(Optional.empty(), ImageType.ofMediaType("image/tiff"));
    }

    @Test
    public void allowedTypesAcceptShortNamesAndMediaTypes() {
        assertEquals(EnumSet.allOf(ImageType.class), ImageType.parseList(null));
        assertEquals(EnumSet.of(ImageType.JPEG, ImageType.PNG), ImageType.parseList("jpeg, png"));
        assertEquals(EnumSet.of(ImageType.JPEG, ImageType.PNG), ImageType.parseList("image/jpeg,image/png"));
        assertEquals(EnumSet.of(ImageType.JPEG, ImageType.GIF), ImageType.parseList("JPG,gif,"));
        assertEquals(EnumSet.of(ImageType.WEBP), ImageType.parseList("webp"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ImageType.parseList("png,bmp"))
                .getMessage().contains("'bmp'"));
        assertThrows(IllegalArgumentException.class, () -> ImageType.parseList("image/svg+xml"));
        assertThrows(IllegalArgumentException.class, () -> ImageType.parseList(","));
    }

    @Test
    public void guessesFromTheExtensionOnly() {
        assertEquals(Optional.of(ImageType.JPEG), ImageType.guessFromName("a.JPG"));
        assertEquals(Optional.of(ImageType.JPEG), ImageType.guessFromName("my cat.jpeg"));
        assertEquals(Optional.of(ImageType.PNG), ImageType.guessFromName("x.tar.png"));
        assertEquals(Optional.empty(), ImageType.guessFromName("png"));
        assertEquals(Optional.empty(), ImageType.guessFromName("a.bin"));
    }

    /** An ISO base media file start: an ftyp box with this major brand and these compatible brands. */
    static byte[] ftyp(String major, String... compatible) {
        int size = 16 + 4 * compatible.length;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(new byte[]{0, 0, 0, (byte) size});
        out.writeBytes(ascii("ftyp" + major));
        out.writeBytes(new byte[]{0, 0, 0, 0});
        for (String brand : compatible) {
            out.writeBytes(ascii(brand));
        }
        out.writeBytes(new byte[]{0, 0, 0, 8, 'm', 'e', 't', 'a', 1, 2, 3, 4, 5, 6, 7, 8});
        return out.toByteArray();
    }

    @Test
    public void heicHeifAndAvifByTheirFtypBrands() {
        assertEquals(ImageType.HEIC, ImageType.sniff(ftyp("heic", "mif1", "heic")).orElseThrow());
        assertEquals(ImageType.HEIC, ImageType.sniff(ftyp("heix", "mif1")).orElseThrow());
        assertEquals(ImageType.AVIF, ImageType.sniff(ftyp("avif", "mif1", "miaf")).orElseThrow());
        assertEquals(ImageType.AVIF, ImageType.sniff(ftyp("avis", "msf1")).orElseThrow());
        assertEquals(ImageType.HEIF, ImageType.sniff(ftyp("mif1")).orElseThrow());
        // The major brand decides; then a compatible one.
        assertEquals(ImageType.HEIF, ImageType.sniff(ftyp("mif1", "avif")).orElseThrow());
        assertEquals(ImageType.AVIF, ImageType.sniff(ftyp("miaf", "avif")).orElseThrow());
        assertTrue(ImageType.AVIF.matches(ftyp("mif1", "avif")));
        assertFalse(ImageType.AVIF.matches(ftyp("heic", "mif1")));
        // Video, not a picture; a box that is not first; a brand beyond the box's end.
        assertTrue(ImageType.sniff(ftyp("isom", "mp41")).isEmpty());
        byte[] shifted = ftyp("heic");
        shifted[4] = 'x';
        assertTrue(ImageType.sniff(shifted).isEmpty());
        byte[] shortBox = ftyp("isom", "avif");
        shortBox[3] = 16;
        assertTrue(ImageType.sniff(shortBox).isEmpty());
        assertEquals(ImageType.AVIF, ImageType.ofMediaType("image/avif").orElseThrow());
        assertEquals(ImageType.HEIC, ImageType.guessFromName("IMG_0001.HEIC").orElseThrow());
        assertTrue(ImageType.parseList(null).containsAll(java.util.Set.of(ImageType.HEIC, ImageType.HEIF, ImageType.AVIF)));
    }
}
