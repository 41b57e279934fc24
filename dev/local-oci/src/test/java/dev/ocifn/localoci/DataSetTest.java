package dev.ocifn.localoci;

import com.oracle.bmc.model.BmcException;
import com.oracle.bmc.usageapi.UsageapiClient;
import com.oracle.bmc.usageapi.model.RequestSummarizedUsagesDetails;
import com.oracle.bmc.usageapi.model.RequestSummarizedUsagesDetails.Granularity;
import com.oracle.bmc.usageapi.model.UsageSummary;
import com.oracle.bmc.usageapi.requests.RequestSummarizedUsagesRequest;
import dev.ocifn.ocifake.ResourcePrincipalFixture;
import dev.ocifn.ocifake.TrustStore;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/** The data set: shipped defaults, edits while running, broken files, and the routing around the APIs. */
public class DataSetTest {
    @Rule
    public final TemporaryFolder dir = new TemporaryFolder();

    private static RequestSummarizedUsagesDetails september(Harness oci, String groupBy) {
        return RequestSummarizedUsagesDetails.builder().tenantId(oci.principal.tenancyId())
                .timeUsageStarted(Date.from(Instant.parse("2026-09-01T00:00:00Z")))
                .timeUsageEnded(Date.from(Instant.parse("2026-10-01T00:00:00Z")))
                .granularity(Granularity.Monthly).groupBy(groupBy == null ? null : List.of(groupBy)).build();
    }

    private static List<UsageSummary> ask(UsageapiClient usage, RequestSummarizedUsagesDetails details) {
        return usage.requestSummarizedUsages(RequestSummarizedUsagesRequest.builder()
                .requestSummarizedUsagesDetails(details).build()).getUsageAggregation().getItems();
    }

    @Test
    public void theShippedDataSetIsRealistic() throws Exception {
        try (Harness oci = new Harness(Harness.SHIPPED_DATA, dir.newFolder("store").toPath())) {
            UsageapiClient usage = oci.client(UsageapiClient.builder());
            assertEquals(List.of("COMPUTE", "DATABASE", "FUNCTIONS", "OBJECT_STORE"),
                    ask(usage, september(oci, "service")).stream().map(UsageSummary::getService).toList());
            assertEquals(List.of("Production", "Sandbox"),
                    ask(usage, september(oci, "compartmentName")).stream().map(UsageSummary::getCompartmentName).toList());
            BigDecimal total = ask(usage, september(oci, null)).get(0).getComputedAmount();
            assertTrue(total.toPlainString(), total.compareTo(new BigDecimal("200")) > 0 && total.compareTo(new BigDecimal("2000")) < 0);
            assertEquals(2, oci.local.modelDeployments().size());
        }
    }

    @Test
    public void copiesTheDefaultDataSetWithoutOverwriting() throws Exception {
        Path target = dir.newFolder("mine").toPath();
        Files.writeString(target.resolve("models.json"), "{\"modelDeployments\": []}");
        LocalOci.copyDefaultDataSet(target);
        assertArrayEquals(Files.readAllBytes(Harness.SHIPPED_DATA.resolve("usage.json")), Files.readAllBytes(target.resolve("usage.json")));
        assertArrayEquals(Files.readAllBytes(Harness.SHIPPED_DATA.resolve("resources.json")),
                Files.readAllBytes(target.resolve("resources.json")));
        assertEquals("{\"modelDeployments\": []}", Files.readString(target.resolve("models.json")));
    }

    @Test
    public void editsShowUpWhileRunningAndABrokenFileIsNamed() throws Exception {
        Path data = dir.newFolder("data").toPath();
        Path file = data.resolve("usage.json");
        write(file, 10, 0);
        try (Harness oci = new Harness(data, dir.newFolder("store").toPath())) {
            UsageapiClient usage = oci.client(UsageapiClient.builder());
            assertEquals(0, BigDecimal.TEN.compareTo(ask(usage, september(oci, null)).get(0).getComputedAmount()));

            write(file, 25, 1);
            assertEquals(0, new BigDecimal("25").compareTo(ask(usage, september(oci, null)).get(0).getComputedAmount()));

            Files.writeString(file, "{\"records\": [{\"date\": \"2026-09-31\", \"service\": \"COMPUTE\"}]}");
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(2)));
            try {
                ask(usage, september(oci, null));
                fail("a broken data set answers 500");
            } catch (BmcException e) {
                assertEquals(500, e.getStatusCode());
                assertTrue(e.getMessage(), e.getMessage().contains("usage.json is invalid: records[0].date"));
            }

            write(file, 7, 3);
            assertEquals(0, new BigDecimal("7").compareTo(ask(usage, september(oci, null)).get(0).getComputedAmount()));
        }
    }

    @Test
    public void anInvalidDataSetStopsTheStart() throws Exception {
        Path data = dir.newFolder("data").toPath();
        Files.writeString(data.resolve("resources.json"), "{\"resources\": [{\"resourceType\": \"Instance\", \"identfier\": \"x\"}]}");
        try {
            LocalOci.start(new TrustStore().trust(ResourcePrincipalFixture.create()), data, dir.newFolder("store").toPath()).close();
            fail("started on an invalid data set");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("resources.json is invalid: resources[0].identfier: unknown field"));
        }
    }

    @Test
    public void unknownPathsAre404AndWrongMethods405() throws Exception {
        try (Harness oci = new Harness(Harness.SHIPPED_DATA, dir.newFolder("store").toPath())) {
            HttpResponse<byte[]> missing = oci.signed("GET", "/20200107/elsewhere", null, null);
            assertEquals(404, missing.statusCode());
            assertEquals("NotAuthorizedOrNotFound", Harness.json(missing).get("code").asText());

            HttpResponse<byte[]> wrongMethod = oci.signed("GET", "/20200107/usage", null, null);
            assertEquals(405, wrongMethod.statusCode());
            assertEquals("POST", wrongMethod.headers().firstValue("allow").orElse(""));

            HttpResponse<byte[]> notJson = oci.signed("POST", "/20200107/usage", "text/plain", "{}".getBytes());
            assertEquals(400, notJson.statusCode());

            assertEquals(List.of(404, 405, 400), oci.local.calls().stream().map(OciCall::status).toList());
        }
    }

    /** Writes a one-record usage.json and moves its time on, as an editor's save would. */
    private static void write(Path file, int amount, int secondsLater) throws Exception {
        Files.writeString(file, "{\"records\": [{\"date\": \"2026-09-10\", \"service\": \"COMPUTE\", \"computedAmount\": "
                + amount + "}]}");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(secondsLater)));
    }
}
