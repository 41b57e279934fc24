package dev.ocifn.localoci.objectstorage;

import java.util.Map;

/**
 * What the store knows about one object, kept in its sidecar JSON file next to the data: the
 * name (which is never used as a file name), size, digests, HTTP metadata and opc-meta-* values.
 *
 * @param dataFile the file name of the current content in the bucket's objects folder
 */
record StoredObject(String name, long size, String md5, String etag, String contentType, String contentLanguage,
                    String contentEncoding, String cacheControl, String contentDisposition,
                    String timeCreated, String timeModified, Map<String, String> metadata, String dataFile) {
}
