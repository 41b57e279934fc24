package dev.ocifn.localoci.usage;

import com.oracle.bmc.usageapi.UsageapiClient;
import com.oracle.bmc.usageapi.model.Dimension;
import com.oracle.bmc.usageapi.model.Filter;
import com.oracle.bmc.usageapi.model.Forecast;
import com.oracle.bmc.usageapi.model.RequestSummarizedUsagesDetails.Granularity;
import com.oracle.bmc.usageapi.model.RequestSummarizedUsagesDetails.QueryType;
import com.oracle.bmc.usageapi.model.RequestSummarizedUsagesDetails;
import com.oracle.bmc.usageapi.model.Tag;
import com.oracle.bmc.usageapi.model.UsageSummary;
import com.oracle.bmc.usageapi.requests.RequestSummarizedUsagesRequest;
import com.oracle.bmc.usageapi.responses.RequestSummarizedUsagesResponse;
import dev.ocifn.localoci.Harness;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/** The Usage API through the real UsageapiClient, on a small data set with known sums. */
public class UsageApiTest {
    @Rule
    public final TemporaryFolder dir = new TemporaryFolder();

    private Harness oci;
    private UsageapiClient usage;

    static final String DATA = """
            {"tenantName": "acme", "currency": "USD", "records": [
              {"date": "2026-09-01", "service": "COMPUTE", "unit": "OCPU Per Hour", "compartmentName": "Production",
               "compartmentPath": "Production", "compartmentId": "ocid1.compartment.oc1..prod",
               "computedAmount": 10, "computedQuantity": 100,
               "tags": [{"namespace": "Finance", "key": "CostCenter", "value": "CC-100"}]},
              {"date": "2026-09-01", "service": "OBJECT_STORE", "unit": "GB Month", "compartmentName": "Sandbox",
               "compartmentPath": "Development/Sandbox", "compartmentId": "ocid1.compartment.oc1..sbx",
               "computedAmount": 2, "computedQuantity": 50,
               "tags": [{"namespace": "Finance", "key": "CostCenter", "value": "CC-200"}]},
              {"date": "2026-09-02", "service": "COMPUTE", "unit": "OCPU Per Hour", "compartmentName": "Production",
               "compartmentPath": "Production", "compartmentId": "ocid1.compartment.oc1..prod",
               "computedAmount": 12, "computedQuantity": 120},
              {"date": "2026-10-01", "service": "COMPUTE", "unit": "OCPU Per Hour", "compartmentName": "Tools",
               "compartmentPath": "Development/Tools", "compartmentId": "ocid1.compartment.oc1..tools",
               "computedAmount": 4, "computedQuantity": 40},
              {"date": "2026-10-01", "service": "DATABASE", "unit": "ECPU Per Hour", "compartmentName": "Production",
               "compartmentPath": "Production", "compartmentId": "ocid1.compartment.oc1..prod",
               "computedAmount": 30, "computedQuantity": 48,
               "tags": [{"namespace": "Finance", "key": "CostCenter", "value": "CC-100"}]}
            ]}
            """;

    @Before
    public void start() throws Exception {
        Path data = dir.newFolder("data").toPath();
        Files.writeString(data.resolve("usage.json"), DATA);
        oci = new Harness(data, dir.newFolder("store").toPath());
        usage = oci.client(UsageapiClient.builder());
    }

    @After
    public void stop() throws Exception {
        oci.close();
    }

    private RequestSummarizedUsagesDetails.Builder query(String from, String to, Granularity granularity) {
        return RequestSummarizedUsagesDetails.builder().tenantId(oci.principal.tenancyId())
                .timeUsageStarted(Date.from(Instant.parse(from))).timeUsageEnded(Date.from(Instant.parse(to)))
                .granularity(granularity);
    }

    private RequestSummarizedUsagesResponse ask(RequestSummarizedUsagesDetails details, Integer limit, String page) {
        return usage.requestSummarizedUsages(RequestSummarizedUsagesRequest.builder()
                .requestSummarizedUsagesDetails(details).limit(limit).page(page).build());
    }

    private List<UsageSummary> items(RequestSummarizedUsagesDetails details) {
        RequestSummarizedUsagesResponse r = ask(details, null, null);
        assertNull(r.getOpcNextPage());
        assertNotNull(r.getOpcRequestId());
        return r.getUsageAggregation().getItems();
    }

    private static String line(UsageSummary s, String group) {
        return s.getTimeUsageStarted().toInstant() + " " + group + " " + s.getComputedAmount().stripTrailingZeros().toPlainString();
    }

    private static BigDecimal total(List<UsageSummary> items) {
        return items.stream().map(UsageSummary::getComputedAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    public void dailyCostGroupedByService() {
        List<UsageSummary> items = items(query("2026-09-01T00:00:00Z", "2026-09-03T00:00:00Z", Granularity.Daily)
                .queryType(QueryType.Cost).groupBy(List.of("service")).build());
        assertEquals(List.of("2026-09-01T00:00:00Z COMPUTE 10", "2026-09-01T00:00:00Z OBJECT_STORE 2",
                "2026-09-02T00:00:00Z COMPUTE 12"), items.stream().map(s -> line(s, s.getService())).toList());
        UsageSummary first = items.get(0);
        assertEquals(Instant.parse("2026-09-02T00:00:00Z"), first.getTimeUsageEnded().toInstant());
        assertEquals("USD", first.getCurrency());
        assertNull("COST answers carry amounts", first.getComputedQuantity());
        assertEquals(Boolean.FALSE, first.getIsForecast());
    }

    @Test
    public void monthlyAndTotalSumEverythingInRange() {
        List<UsageSummary> monthly = items(query("2026-09-01T00:00:00Z", "2026-11-01T00:00:00Z", Granularity.Monthly).build());
        assertEquals(List.of("2026-09-01T00:00:00Z - 24", "2026-10-01T00:00:00Z - 34"),
                monthly.stream().map(s -> line(s, "-")).toList());
        assertEquals(Instant.parse("2026-10-01T00:00:00Z"), monthly.get(0).getTimeUsageEnded().toInstant());

        List<UsageSummary> total = items(query("2026-09-01T00:00:00Z", "2026-11-01T00:00:00Z", Granularity.Total).build());
        assertEquals(1, total.size());
        assertEquals(0, new BigDecimal("58").compareTo(total.get(0).getComputedAmount()));

        List<UsageSummary> aggregated = items(query("2026-09-01T00:00:00Z", "2026-11-01T00:00:00Z", Granularity.Daily)
                .isAggregateByTime(true).groupBy(List.of("compartmentName")).build());
        assertEquals(List.of("Production 52", "Sandbox 2", "Tools 4"), aggregated.stream()
                .map(s -> s.getCompartmentName() + " " + s.getComputedAmount().stripTrailingZeros().toPlainString()).toList());
    }

    @Test
    public void hourlySpreadsADayEvenly() {
        List<UsageSummary> hours = items(query("2026-09-01T00:00:00Z", "2026-09-01T03:00:00Z", Granularity.Hourly)
                .queryType(QueryType.Usage).filter(Filter.builder().operator(Filter.Operator.And)
                        .dimensions(List.of(Dimension.builder().key("service").value("COMPUTE").build())).build()).build());
        assertEquals(3, hours.size());
        for (UsageSummary hour : hours) {
            assertEquals(0, new BigDecimal("100").divide(new BigDecimal("24"), 10, java.math.RoundingMode.HALF_EVEN)
                    .compareTo(hour.getComputedQuantity()));
            assertEquals("OCPU Per Hour", hour.getUnit());
            assertNull("USAGE answers carry quantities", hour.getComputedAmount());
        }
        assertEquals(Instant.parse("2026-09-01T02:00:00Z"), hours.get(2).getTimeUsageStarted().toInstant());
    }

    @Test
    public void filtersCombineWithAndOrNot() {
        Dimension production = Dimension.builder().key("compartmentName").value("Production").build();
        Dimension compute = Dimension.builder().key("service").value("COMPUTE").build();
        RequestSummarizedUsagesDetails.Builder base = query("2026-09-01T00:00:00Z", "2026-11-01T00:00:00Z", Granularity.Total);

        assertEquals("10 + 12 + 30", 0, new BigDecimal("52").compareTo(total(items(base.filter(Filter.builder()
                .operator(Filter.Operator.And).dimensions(List.of(production)).build()).build()))));
        assertEquals("production without compute", 0, new BigDecimal("30").compareTo(total(items(base.filter(Filter.builder()
                .operator(Filter.Operator.And).dimensions(List.of(production))
                .filters(List.of(Filter.builder().operator(Filter.Operator.Not).dimensions(List.of(compute)).build()))
                .build()).build()))));
        assertEquals("production or compute", 0, new BigDecimal("56").compareTo(total(items(base.filter(Filter.builder()
                .operator(Filter.Operator.Or).dimensions(List.of(production, compute)).build()).build()))));
        assertEquals("tagged CC-200", 0, new BigDecimal("2").compareTo(total(items(base.filter(Filter.builder()
                .operator(Filter.Operator.And).tags(List.of(Tag.builder().namespace("Finance").key("CostCenter")
                        .value("CC-200").build())).build()).build()))));
    }

    @Test
    public void groupsByTagAndByCompartmentDepth() {
        List<UsageSummary> byTag = items(query("2026-09-01T00:00:00Z", "2026-11-01T00:00:00Z", Granularity.Total)
                .groupByTag(List.of(Tag.builder().namespace("Finance").key("CostCenter").build())).build());
        assertEquals(List.of("[CC-100] 40", "[CC-200] 2", "[] 16"), byTag.stream()
                .map(s -> s.getTags().stream().map(Tag::getValue).toList() + " " + s.getComputedAmount().stripTrailingZeros().toPlainString())
                .sorted().toList());

        List<UsageSummary> byDepth = items(query("2026-09-01T00:00:00Z", "2026-11-01T00:00:00Z", Granularity.Total)
                .groupBy(List.of("compartmentPath")).compartmentDepth(BigDecimal.ONE).build());
        assertEquals("Sandbox and Tools count as Development", List.of("Development 6", "Production 52"), byDepth.stream()
                .map(s -> s.getCompartmentPath() + " " + s.getComputedAmount().stripTrailingZeros().toPlainString())
                .sorted().toList());
    }

    @Test
    public void forecastCarriesTheAverageRateForward() {
        List<UsageSummary> items = items(query("2026-09-01T00:00:00Z", "2026-09-03T00:00:00Z", Granularity.Daily)
                .groupBy(List.of("service")).filter(Filter.builder().operator(Filter.Operator.And).dimensions(List.of(
                        Dimension.builder().key("service").value("COMPUTE").build())).build())
                .forecast(Forecast.builder().timeForecastEnded(Date.from(Instant.parse("2026-09-05T00:00:00Z"))).build())
                .build());
        List<UsageSummary> forecast = items.stream().filter(UsageSummary::getIsForecast).toList();
        assertEquals(2, forecast.size());
        assertEquals(Instant.parse("2026-09-03T00:00:00Z"), forecast.get(0).getTimeUsageStarted().toInstant());
        assertEquals("(10 + 12) / 2 days", 0, new BigDecimal("11").compareTo(forecast.get(0).getComputedAmount()));
    }

    @Test
    public void pagesFollowOpcNextPage() {
        RequestSummarizedUsagesDetails details = query("2026-09-01T00:00:00Z", "2026-11-01T00:00:00Z", Granularity.Daily)
                .groupBy(List.of("service", "compartmentName")).build();
        List<String> all = items(details).stream().map(s -> line(s, s.getService() + "/" + s.getCompartmentName())).toList();
        assertEquals(5, all.size());

        List<String> paged = new ArrayList<>();
        String page = null;
        int calls = 0;
        do {
            RequestSummarizedUsagesResponse r = ask(details, 2, page);
            assertTrue(r.getUsageAggregation().getItems().size() <= 2);
            assertEquals(List.of("service", "compartmentName"), r.getUsageAggregation().getGroupBy());
            r.getUsageAggregation().getItems().forEach(s -> paged.add(line(s, s.getService() + "/" + s.getCompartmentName())));
            page = r.getOpcNextPage();
            calls++;
        } while (page != null);
        assertEquals(3, calls);
        assertEquals(all, paged);
    }

    @Test
    public void aPageTokenOfAnotherQueryIsRefused() {
        String page = ask(query("2026-09-01T00:00:00Z", "2026-11-01T00:00:00Z", Granularity.Daily).build(), 1, null).getOpcNextPage();
        assertNotNull(page);
        Harness.refused(400, "InvalidParameter", "page", () -> ask(query("2026-09-01T00:00:00Z", "2026-10-01T00:00:00Z",
                Granularity.Daily).build(), 1, page));
        Harness.refused(400, "InvalidParameter", "page", () -> ask(query("2026-09-01T00:00:00Z", "2026-10-01T00:00:00Z",
                Granularity.Daily).build(), 1, "garbage"));
        Harness.refused(400, "InvalidParameter", "limit", () -> ask(query("2026-09-01T00:00:00Z", "2026-10-01T00:00:00Z",
                Granularity.Daily).build(), 0, null));
    }

    @Test
    public void refusesWhatTheServiceRefuses() {
        Harness.refused(400, "InvalidParameter", "midnight", () -> ask(query("2026-09-01T10:00:00Z", "2026-09-03T00:00:00Z",
                Granularity.Daily).build(), null, null));
        Harness.refused(400, "InvalidParameter", "midnight", () -> ask(query("2026-09-01T00:00:00Z", "2026-10-01T00:00:01Z",
                Granularity.Monthly).build(), null, null));
        Harness.refused(400, "InvalidParameter", "on the hour", () -> ask(query("2026-09-01T00:30:00Z", "2026-09-01T03:00:00Z",
                Granularity.Hourly).build(), null, null));
        Harness.refused(400, "InvalidParameter", "granularity", () -> ask(RequestSummarizedUsagesDetails.builder()
                .tenantId(oci.principal.tenancyId()).timeUsageStarted(Date.from(Instant.parse("2026-09-01T00:00:00Z")))
                .timeUsageEnded(Date.from(Instant.parse("2026-09-02T00:00:00Z"))).build(), null, null));
        Harness.refused(400, "InvalidParameter", "after", () -> ask(query("2026-09-03T00:00:00Z", "2026-09-01T00:00:00Z",
                Granularity.Daily).build(), null, null));
        Harness.refused(400, "InvalidParameter", "groupBy[0]", () -> ask(query("2026-09-01T00:00:00Z", "2026-09-03T00:00:00Z",
                Granularity.Daily).groupBy(List.of("colour")).build(), null, null));
        Harness.refused(400, "InvalidParameter", "filter.dimensions[0].key", () -> ask(query("2026-09-01T00:00:00Z",
                "2026-09-03T00:00:00Z", Granularity.Daily).filter(Filter.builder().operator(Filter.Operator.And)
                .dimensions(List.of(Dimension.builder().key("colour").value("red").build())).build()).build(), null, null));
        Harness.refused(404, "NotAuthorizedOrNotFound", "", () -> ask(query("2026-09-01T00:00:00Z", "2026-09-03T00:00:00Z",
                Granularity.Daily).tenantId("ocid1.tenancy.oc1..someoneelse").build(), null, null));
    }

    @Test
    public void unknownFieldsAndBrokenJsonAreRefused() throws Exception {
        String good = "\"tenantId\":\"" + oci.principal.tenancyId() + "\",\"timeUsageStarted\":\"2026-09-01T00:00:00Z\","
                + "\"timeUsageEnded\":\"2026-09-02T00:00:00Z\",\"granularity\":\"DAILY\"";
        assertEquals(200, oci.postJson("/20200107/usage", "{" + good + "}").statusCode());
        var misspelt = oci.postJson("/20200107/usage", "{" + good + ",\"groupby\":[\"service\"]}");
        assertEquals(400, misspelt.statusCode());
        assertTrue(Harness.json(misspelt).get("message").asText().startsWith("groupby: unknown field"));
        var broken = oci.postJson("/20200107/usage", "{" + good);
        assertEquals(400, broken.statusCode());
        assertEquals("CannotParseRequest", Harness.json(broken).get("code").asText());
        assertTrue(broken.headers().firstValue("opc-request-id").isPresent());
    }
}
