package dev.ocifn.tools.template;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocifn.tools.ToolException;
import dev.ocifn.tools.json.JsonFiles;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

public class ParamsTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static Params params(String json) {
        return Params.of((ObjectNode) JsonFiles.parse(json, "p"), Path.of("/base"));
    }

    @Test
    public void valuesAreFoundByDottedPath() {
        Params p = params("{\"functions\":{\"usage-fn\":{\"functionId\":\"ocid1.fnfunc.oc1.eu-frankfurt-1.aaaaaaaax\"}}}");
        assertEquals("ocid1.fnfunc.oc1.eu-frankfurt-1.aaaaaaaax", p.text("functions.usage-fn.functionId"));
        assertFalse(p.has("functions.search-fn.functionId"));
        assertEquals("functions.search-fn.functionId",
                assertThrows(MissingParameterException.class, () -> p.get("functions.search-fn.functionId")).name());
    }

    @Test
    public void nullCountsAsMissing() {
        assertFalse(params("{\"a\":null}").has("a"));
    }

    @Test
    public void valuesAreCheckedByTheShapeTheirNamePromises() {
        Params p = params("{\"f\":{\"functionId\":\"ocid1.compartment.oc1..aaaa\"},"
                + "\"bucketCompartmentId\":\"ocid1.fnfunc.oc1.eu-frankfurt-1.aaaa\","
                + "\"tenancyId\":\"ocid1.compartment.oc1..aaaa\",\"predictUrl\":\"http://example.com/predict\","
                + "\"gateway\":{\"gatewayId\":\"gw\"}}");
        assertTrue(assertThrows(ToolException.class, () -> p.get("f.functionId")).getMessage()
                .contains("parameter f.functionId: \"ocid1.compartment.oc1..aaaa\" is not a function OCID"));
        assertTrue(assertThrows(ToolException.class, () -> p.get("bucketCompartmentId")).getMessage()
                .contains("is not a compartment OCID"));
        assertTrue(assertThrows(ToolException.class, () -> p.get("tenancyId")).getMessage()
                .contains("is not a tenancy OCID"));
        assertTrue(assertThrows(ToolException.class, () -> p.get("predictUrl")).getMessage()
                .contains("must be an https URL"));
        assertTrue(assertThrows(ToolException.class, () -> p.get("gateway.gatewayId")).getMessage()
                .contains("is not an API gateway OCID"));
    }

    @Test
    public void plainHttpUrlsOnlyToThisMachine() {
        String local = "http://127.0.0.1:8099/ocid1.datasciencemodeldeployment.oc1.iad.local/predict";
        assertEquals(local, params("{\"predictUrl\":\"" + local + "\"}").text("predictUrl"));
        assertTrue(assertThrows(ToolException.class,
                () -> params("{\"predictUrl\":\"http://10.0.0.1/predict\"}").get("predictUrl")).getMessage()
                .contains("must be an https URL"));
    }

    @Test
    public void theTenancyIsAValidCompartment() {
        assertEquals("ocid1.tenancy.oc1..aaaa", params("{\"searchCompartmentId\":\"ocid1.tenancy.oc1..aaaa\"}")
                .text("searchCompartmentId"));
    }

    @Test
    public void duplicateKeysInTheFileAreAnError() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("params.json");
        Files.writeString(file, "{\"namePrefix\":\"a\",\"namePrefix\":\"b\"}");
        ToolException e = assertThrows(ToolException.class, () -> Params.load(file));
        assertTrue(e.getMessage(), e.getMessage().contains("Duplicate field 'namePrefix'"));
    }

    @Test
    public void fileParametersResolveAgainstTheParametersFolder() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("params.json");
        Files.writeString(file, "{\"auth\":{\"staticKeyFile\":\"key.json\"}}");
        assertEquals(tmp.getRoot().toPath().toAbsolutePath().resolve("key.json"),
                Params.load(file).file("auth.staticKeyFile"));
    }
}
