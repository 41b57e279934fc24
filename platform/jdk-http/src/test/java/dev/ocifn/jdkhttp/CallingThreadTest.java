package dev.ocifn.jdkhttp;

import com.oracle.bmc.resourcesearch.ResourceSearchAsyncClient;
import com.oracle.bmc.resourcesearch.ResourceSearchClient;
import com.oracle.bmc.resourcesearch.model.StructuredSearchDetails;
import com.oracle.bmc.resourcesearch.requests.SearchResourcesRequest;
import com.oracle.bmc.resourcesearch.responses.SearchResourcesResponse;
import dev.ocifn.ocifake.FakeOciServer;
import dev.ocifn.ocifake.ResourcePrincipalFixture;
import dev.ocifn.ocifake.StubResponse;
import dev.ocifn.ocifake.TrustStore;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Which thread waits for an answer. A sync call (what the functions make) sends and reads on the
 * calling thread, so the answer reaches it without a thread in between. An async call still gets
 * its answer through a future.
 */
public class CallingThreadTest {
    private final ResourcePrincipalFixture principal = ResourcePrincipalFixture.create();
    private FakeOciServer oci;

    @Before
    public void start() {
        oci = FakeOciServer.start(new TrustStore().trust(principal));
    }

    @After
    public void stop() {
        oci.close();
    }

    private static SearchResourcesRequest search() {
        return SearchResourcesRequest.builder()
                .searchDetails(StructuredSearchDetails.builder().query("query all resources").build()).build();
    }

    private static boolean waitsForTheAnswer(Thread thread) {
        return Arrays.stream(thread.getStackTrace()).anyMatch(frame ->
                frame.getClassName().equals(Http1Response.class.getName())
                        && frame.getMethodName().equals("readHead"));
    }

    @Test
    public void aSyncCallWaitsForTheAnswerOnTheCallingThread() throws Exception {
        oci.enqueue(StubResponse.json(200, "{\"items\":[]}").header("opc-request-id", "SLOW").delayedBy(Duration.ofMillis(1500)));
        try (ResourceSearchClient client = Clients.build(ResourceSearchClient.builder(), principal, oci.endpoint())) {
            CompletableFuture<SearchResourcesResponse> answer = new CompletableFuture<>();
            Thread caller = new Thread(() -> {
                try {
                    answer.complete(client.searchResources(search()));
                } catch (RuntimeException e) {
                    answer.completeExceptionally(e);
                }
            }, "caller");
            caller.start();
            boolean seen = false;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!seen && !answer.isDone() && System.nanoTime() < deadline) {
                seen = waitsForTheAnswer(caller);
                Thread.sleep(10);
            }
            assertTrue("the caller never waited for the answer itself", seen);
            assertEquals("SLOW", answer.get(5, TimeUnit.SECONDS).getOpcRequestId());
        }
    }

    @Test
    public void anAsyncCallIsAnsweredThroughItsFuture() throws Exception {
        oci.enqueue(StubResponse.json(200, "{\"items\":[{\"displayName\":\"a\"}]}").header("opc-request-id", "ASYNC-1"));
        try (ResourceSearchAsyncClient client = Clients.build(ResourceSearchAsyncClient.builder(), principal, oci.endpoint())) {
            SearchResourcesResponse response = client.searchResources(search(), null).get(5, TimeUnit.SECONDS);
            assertEquals("ASYNC-1", response.getOpcRequestId());
            assertEquals("a", response.getResourceSummaryCollection().getItems().get(0).getDisplayName());
        }
        assertEquals(1, oci.requests().size());
        assertTrue(oci.rejections().isEmpty());
    }
}
