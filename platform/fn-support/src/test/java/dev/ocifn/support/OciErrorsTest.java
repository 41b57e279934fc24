package dev.ocifn.support;

import com.oracle.bmc.model.BmcException;
import org.junit.Test;

import java.net.ConnectException;
import java.net.SocketTimeoutException;

import static org.junit.Assert.assertEquals;

public class OciErrorsTest {
    @Test
    public void serviceErrorsKeepStatusCodeMessageAndRequestId() {
        FnError e = OciErrors.toFnError(new BmcException(429, "TooManyRequests", "slow down", "OPC1"));
        assertEquals(429, e.status());
        assertEquals("TooManyRequests", e.code());
        assertEquals("slow down", e.getMessage());
        assertEquals("OPC1", e.opcRequestId());
    }

    @Test
    public void aReadTimeoutIs504AndAnyOtherTransportFailure502() {
        // The SDK marks both as "timeout": the cause tells them apart.
        assertEquals(504, OciErrors.toFnError(new BmcException(true, "t", new SocketTimeoutException("Read timed out"), "r")).status());
        assertEquals(502, OciErrors.toFnError(new BmcException(true, "t", new ConnectException("refused"), "r")).status());
    }
}
