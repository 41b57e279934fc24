package dev.ocifn.modelproxy;

import com.oracle.bmc.http.client.io.DuplicatableInputStream;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/**
 * The request body in the one form the SDK signer hashes exactly as sent: it accepts a String
 * (which would re-encode binary bodies as UTF-8) or a DuplicatableInputStream, not a byte[].
 */
final class SignableBody extends ByteArrayInputStream implements DuplicatableInputStream {
    private final byte[] bytes;

    SignableBody(byte[] bytes) {
        super(bytes);
        this.bytes = bytes;
    }

    @Override
    public InputStream duplicate() {
        return new ByteArrayInputStream(bytes);
    }
}
