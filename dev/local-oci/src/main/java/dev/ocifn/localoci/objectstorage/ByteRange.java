package dev.ocifn.localoci.objectstorage;

import dev.ocifn.localoci.OciError;

/**
 * A single HTTP byte range ({@code bytes=first-last}, {@code bytes=first-}, {@code bytes=-suffix})
 * resolved against an object's size; an unsatisfiable one is 416 as Object Storage answers it.
 */
record ByteRange(long first, long last) {
    static ByteRange parse(String header, long size) {
        String spec = header.trim();
        if (!spec.startsWith("bytes=") || spec.contains(",")) {
            throw OciError.invalid("Range: must be a single range such as bytes=0-99");
        }
        String[] ends = spec.substring("bytes=".length()).split("-", -1);
        try {
            if (ends.length != 2 || (ends[0].isEmpty() && ends[1].isEmpty())) {
                throw new NumberFormatException();
            }
            long first;
            long last;
            if (ends[0].isEmpty()) {
                long suffix = Long.parseLong(ends[1]);
                first = Math.max(0, size - suffix);
                last = size - 1;
            } else {
                first = Long.parseLong(ends[0]);
                last = ends[1].isEmpty() ? size - 1 : Math.min(Long.parseLong(ends[1]), size - 1);
            }
            if (first < 0 || first > last || first >= size) {
                throw new OciError(416, "InvalidRange", "The requested range is not satisfiable for an object of "
                        + size + " bytes");
            }
            return new ByteRange(first, last);
        } catch (NumberFormatException e) {
            throw OciError.invalid("Range: must be a single range such as bytes=0-99");
        }
    }
}
