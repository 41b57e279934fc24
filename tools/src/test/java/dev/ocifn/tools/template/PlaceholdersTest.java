package dev.ocifn.tools.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocifn.tools.ToolException;
import dev.ocifn.tools.json.JsonFiles;
import org.junit.Test;

import java.nio.file.Path;
import java.util.Set;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

public class PlaceholdersTest {
    private static final Params PARAMS = Params.of((ObjectNode) JsonFiles.parse(
            "{\"fn\":{\"id\":\"ocid1.fnfunc.oc1.eu-frankfurt-1.aaaa\",\"scopes\":[\"a\",\"b\"],\"rate\":7,"
                    + "\"name\":\"x\",\"bad\":\"{{other}}\"}}", "params"), Path.of("."));

    private static JsonNode fill(String template) {
        return Placeholders.fill(JsonFiles.parse(template, "t"), PARAMS::get, "t.json");
    }

    @Test
    public void wholeStringMarkerTakesTheParametersJsonType() {
        JsonNode out = fill("{\"s\":\"{{fn.scopes}}\",\"r\":\"{{fn.rate}}\",\"id\":\"{{fn.id}}\"}");
        assertEquals(JsonFiles.parse("{\"s\":[\"a\",\"b\"],\"r\":7,\"id\":\"ocid1.fnfunc.oc1.eu-frankfurt-1.aaaa\"}", "e"), out);
    }

    @Test
    public void markerInsideTextIsInterpolated() {
        assertEquals("n-x-7", fill("{\"v\":\"n-{{fn.name}}-{{fn.rate}}\"}").get("v").asText());
    }

    @Test
    public void gatewayContextVariablesAndPathParametersPassThrough() {
        String template = "{\"path\":\"/{userId}/{filename}\",\"v\":[\"${request.auth[sub]}\"],"
                + "\"rule\":\"ALL {resource.id = '{{fn.id}}'}\"}";
        JsonNode out = fill(template);
        assertEquals("/{userId}/{filename}", out.get("path").asText());
        assertEquals("${request.auth[sub]}", out.get("v").get(0).asText());
        assertEquals("ALL {resource.id = 'ocid1.fnfunc.oc1.eu-frankfurt-1.aaaa'}", out.get("rule").asText());
    }

    @Test
    public void everyMissingParameterIsNamedAtOnce() {
        ToolException e = assertThrows(ToolException.class,
                () -> fill("{\"a\":\"{{fn.nope}}\",\"b\":[\"x {{other.thing}}\"],\"c\":\"{{fn.id}}\"}"));
        assertEquals("t.json: missing parameters fn.nope, other.thing", e.getMessage());
    }

    @Test
    public void malformedMarkerIsAnError() {
        ToolException e = assertThrows(ToolException.class, () -> fill("{\"a\":\"{{ fn.id }}\"}"));
        assertTrue(e.getMessage(), e.getMessage().contains("malformed placeholder"));
    }

    @Test
    public void parameterHoldingAMarkerLeavesItUnfilledWhichIsAnError() {
        ToolException e = assertThrows(ToolException.class, () -> fill("{\"a\":\"{{fn.bad}}\"}"));
        assertTrue(e.getMessage(), e.getMessage().contains("unfilled placeholder"));
    }

    @Test
    public void unclosedMarkerIsAnError() {
        ToolException e = assertThrows(ToolException.class, () -> fill("{\"a\":\"{{fn.id\"}"));
        assertTrue(e.getMessage(), e.getMessage().contains("unfilled placeholder"));
    }

    @Test
    public void arrayParameterInsideTextIsAnError() {
        ToolException e = assertThrows(ToolException.class, () -> fill("{\"a\":\"scopes: {{fn.scopes}}\"}"));
        assertTrue(e.getMessage(), e.getMessage().contains("must be a string or number"));
    }

    @Test
    public void namesListsWhatATemplateAsksFor() {
        assertEquals(Set.of("fn.id", "fn.rate"), Placeholders.names(JsonFiles.parse(
                "{\"a\":[\"{{fn.id}}\",\"x{{fn.rate}}y\"],\"p\":\"/{userId}\"}", "t")));
    }
}
