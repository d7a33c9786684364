package io.github.sagemakerstreaming.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.sagemakerstreaming.emulator.SageMakerEmulator;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What Prometheus scrapes from {@code /actuator/prometheus} after one stream
 * ({@code /api/stream}, the template) and one agent question ({@code /api/agent}, Spring
 * AI's {@code ChatClient} over the SageMaker chat model, which calls the model twice: for
 * the tool call, then for the answer), over HTTP on the embedded emulator: the meters the
 * README documents, each call counted, the tokens of each call counted once, no meter
 * refused, and every metric the Grafana dashboard queries.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrometheusScrapeTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> EVENT = new ParameterizedTypeReference<>() {
	};

	private static final String LOCAL_LLM = EmbeddedEmulatorEnvironmentPostProcessor.ENDPOINT_NAME;

	private static final String TEMPLATE_CALLS = "gen_ai_client_operation_duration_seconds_count";

	private static final String SPRING_AI_CALLS = "gen_ai_client_operation_seconds_count";

	private static final String TOKENS = "gen_ai_client_token_usage_total";

	private static final String ACQUIRED = "sagemaker_runtime_http_connections_acquire_seconds_count";

	@Autowired
	private WebTestClient client;

	@Autowired
	private SageMakerEmulator emulator;

	@Autowired
	private RegistrationFailures registrationFailures;

	private PrometheusScrape beforeBoth;

	private PrometheusScrape afterStream;

	private PrometheusScrape afterAgent;

	private Map<String, Object> streamUsage;

	private int agentModelCalls;

	private int agentTokens;

	@BeforeAll
	@SuppressWarnings("unchecked")
	void streamThenAskTheAgent() {
		EmbeddedEmulatorEnvironmentPostProcessor.registerDefaultEndpoint(this.emulator).tokenDelay(Duration.ZERO);
		this.beforeBoth = scrape();
		List<ServerSentEvent<Map<String, Object>>> stream = post("/api/stream",
				Map.of("messages", List.of(Map.of("role", "user", "content", "Why stream tokens?"))));
		assertThat(stream).last().extracting(ServerSentEvent::event).isEqualTo("done");
		this.streamUsage = (Map<String, Object>) stream.get(stream.size() - 1).data().get("usage");
		this.afterStream = scrapeOnce(1, 0);
		int before = this.emulator.invocations(LOCAL_LLM).size();
		List<ServerSentEvent<Map<String, Object>>> agent = post("/api/agent", Map.of("question", "Oslo"));
		assertThat(agent).extracting(ServerSentEvent::event).contains("tool").last().isEqualTo("done");
		this.agentModelCalls = this.emulator.invocations(LOCAL_LLM).size() - before;
		this.agentTokens = (int) agent.stream().filter((event) -> "token".equals(event.event())).count();
		this.afterAgent = scrapeOnce(1 + this.agentModelCalls, this.agentModelCalls);
	}

	@Test
	void everyMeterTheReadmeDocumentsIsScrapedWithExactlyItsDocumentedTags() throws IOException {
		List<DocumentedMeters.Meter> documented = DocumentedMeters.of(Path.of("..", "README.md"));
		assertThat(documented).extracting(DocumentedMeters.Meter::name)
			.contains("gen_ai.client.operation.duration", "gen_ai.client.token.usage",
					"sagemaker.runtime.http.connections.acquire");
		for (DocumentedMeters.Meter meter : documented) {
			assertThat(this.afterAgent.named(meter.series())).as(meter.name())
				.isNotEmpty()
				.allSatisfy((sample) -> assertThat(sample.labels().keySet()).as(meter.name())
					.containsExactlyInAnyOrderElementsOf(meter.labels()));
		}
	}

	@Test
	void theStreamIsCountedByTheTemplateAndTheAgentsModelCallsByTheTemplateAndSpringAi() {
		assertThat(this.agentModelCalls).as("the tool call, then the answer").isEqualTo(2);
		assertThat(increase(this.beforeBoth, this.afterStream, TEMPLATE_CALLS)).isEqualTo(1);
		assertThat(increase(this.beforeBoth, this.afterStream, SPRING_AI_CALLS)).isZero();
		assertThat(increase(this.afterStream, this.afterAgent, TEMPLATE_CALLS)).isEqualTo(this.agentModelCalls);
		assertThat(increase(this.afterStream, this.afterAgent, SPRING_AI_CALLS)).isEqualTo(this.agentModelCalls);
		assertThat(this.afterAgent.sum(TEMPLATE_CALLS, (labels) -> !labels.get("outcome").equals("success"))).isZero();
	}

	@Test
	void theStreamsTokensAreCountedOnceAsTheContainerReportedThem() {
		assertThat(tokens(this.beforeBoth, this.afterStream, "input"))
			.isEqualTo(((Number) this.streamUsage.get("inputTokens")).doubleValue())
			.isPositive();
		assertThat(tokens(this.beforeBoth, this.afterStream, "output"))
			.isEqualTo(((Number) this.streamUsage.get("outputTokens")).doubleValue())
			.isPositive();
		assertThat(tokens(this.beforeBoth, this.afterStream, "total"))
			.isEqualTo(tokens(this.beforeBoth, this.afterStream, "input")
					+ tokens(this.beforeBoth, this.afterStream, "output"));
	}

	@Test
	void theAgentsTokensAreCountedOnceForEachOfItsModelCalls() {
		assertThat(tokens(this.afterStream, this.afterAgent, "output"))
			.as("no token for the tool call, then one for each token of the answer")
			.isEqualTo(this.agentTokens)
			.isPositive();
		assertThat(tokens(this.afterStream, this.afterAgent, "input")).isPositive();
		assertThat(tokens(this.afterStream, this.afterAgent, "total"))
			.isEqualTo(tokens(this.afterStream, this.afterAgent, "input")
					+ tokens(this.afterStream, this.afterAgent, "output"));
		assertThat(this.afterAgent.named(TOKENS)).extracting((sample) -> sample.labels().get("gen_ai_system"))
			.containsOnly("aws.sagemaker");
	}

	@Test
	void prometheusRefusedNoMeter() {
		assertThat(this.registrationFailures.emptyWhenListening).as("listening before any meter was registered")
			.containsExactly(true);
		assertThat(this.registrationFailures.failures).isEmpty();
	}

	@Test
	void everyMetricTheGrafanaDashboardQueriesIsScraped() {
		List<String> queries = DashboardQueries.of(Path.of("..", "docs", "grafana", "sagemaker-runtime.json"));
		Set<String> queried = new TreeSet<>();
		queries.forEach((query) -> queried.addAll(DashboardQueries.metricNames(query)));
		assertThat(queried).contains("gen_ai_client_operation_time_to_first_chunk_seconds_bucket",
				"gen_ai_client_token_usage_total", "sagemaker_runtime_http_connections_pending");
		assertThat(this.afterAgent.names()).containsAll(queried);
	}

	@Test
	void metricNamesAreReadFromAQueryWithoutItsFunctionsLabelsRangesAndVariables() {
		assertThat(DashboardQueries.metricNames("histogram_quantile(0.95, sum by (le, sagemaker_endpoint_name) "
				+ "(rate(a_seconds_bucket{sagemaker_endpoint_name=~\"$endpoint\", outcome!=\"x_y\"}[$__rate_interval])))"
				+ " / on (client) max without (instance) (b_total offset 5m)"))
			.containsExactly("a_seconds_bucket", "b_total");
		assertThat(DashboardQueries.metricNames("label_values(c_seconds_count, sagemaker_endpoint_name)"))
			.containsExactly("c_seconds_count");
	}

	private double increase(PrometheusScrape from, PrometheusScrape to, String name) {
		return to.sum(name) - from.sum(name);
	}

	private double tokens(PrometheusScrape from, PrometheusScrape to, String type) {
		return to.sum(TOKENS, (labels) -> type.equals(labels.get("gen_ai_token_type")))
				- from.sum(TOKENS, (labels) -> type.equals(labels.get("gen_ai_token_type")));
	}

	/**
	 * Scrapes once the template's timer, the HTTP pool's and Spring AI's have counted the
	 * given calls: the AWS SDK reports the pool's meters when a call completes, and
	 * Spring AI stops its observation when the model's answer ends, either of which may
	 * be just after the answer reached the browser.
	 */
	/**
	 * Scrapes once the meters count the given chat calls in all, and as many connections
	 * acquired since the first scrape: the README's sections were embedded at startup,
	 * before it.
	 */
	private PrometheusScrape scrapeOnce(int calls, int springAiCalls) {
		return await().atMost(TIMEOUT)
			.until(this::scrape,
					(scrape) -> scrape.sum(TEMPLATE_CALLS, PrometheusScrapeTests::chat) == calls
							&& increase(this.beforeBoth, scrape, ACQUIRED) == calls
							&& scrape.sum(SPRING_AI_CALLS, PrometheusScrapeTests::chat) == springAiCalls);
	}

	private static boolean chat(Map<String, String> labels) {
		return "chat".equals(labels.get("gen_ai_operation_name"));
	}

	private PrometheusScrape scrape() {
		String text = this.client.get()
			.uri("/actuator/prometheus")
			.accept(MediaType.TEXT_PLAIN)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		return PrometheusScrape.of((text != null) ? text : "");
	}

	private List<ServerSentEvent<Map<String, Object>>> post(String path, Map<String, Object> body) {
		return this.client.post()
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(EVENT)
			.getResponseBody()
			.collectList()
			.block(TIMEOUT);
	}

	/**
	 * Listens for meters that the Prometheus registry refuses, from before the first
	 * meter is registered.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class RegistrationFailures {

		final List<String> failures = new CopyOnWriteArrayList<>();

		final List<Boolean> emptyWhenListening = new CopyOnWriteArrayList<>();

		@Bean
		MeterRegistryCustomizer<PrometheusMeterRegistry> registrationFailures() {
			return (registry) -> {
				this.emptyWhenListening.add(registry.getMeters().isEmpty());
				registry.config()
					.onMeterRegistrationFailed((id, reason) -> this.failures.add(id.getName() + ": " + reason));
			};
		}

	}

}
