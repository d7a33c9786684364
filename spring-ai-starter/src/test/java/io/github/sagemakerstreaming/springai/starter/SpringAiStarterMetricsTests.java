package io.github.sagemakerstreaming.springai.starter;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.EmbeddingContainer;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with the Spring AI starter and Prometheus, and nothing else of Spring
 * AI: what a Spring AI model starter brings is auto-configured, so that the tokens of
 * every chat and embedding call are counted once, in one family, and Prometheus refuses
 * no meter.
 */
class SpringAiStarterMetricsTests {

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	@Test
	void countsTheTokensOfAnEmbeddingCallOnce() {
		sagemaker.emulator().registerEmbedding("starter-embedder", EmbeddingContainer.VLLM);
		try (ConfigurableApplicationContext context = application(
				"sagemaker.runtime.embedding.endpoint-name=starter-embedder",
				"sagemaker.runtime.embedding.format=openai")) {
			EmbeddingResponse response = context.getBean(EmbeddingModel.class)
				.call(new EmbeddingRequest(List.of("one two", "three"), null));
			assertThat(response.getMetadata().getUsage().getPromptTokens()).isEqualTo(3);
			assertThat(context.getBean(MeterRegistry.class)
				.find("gen_ai.client.token.usage")
				.tag("gen_ai.token.type", "input")
				.counters()).as("the input tokens the container reported, counted once")
				.singleElement()
				.extracting(Counter::count)
				.isEqualTo(3.0);
		}
	}

	@Test
	void chatAndEmbeddingCallsShareTheMetersPrometheusScrapesWithoutARefusal() {
		sagemaker.emulator().register("starter-chat", Dialect.VLLM_CHAT).tokens("a", "b");
		sagemaker.emulator().registerEmbedding("starter-embedder-2", EmbeddingContainer.VLLM);
		try (ConfigurableApplicationContext context = application("sagemaker.runtime.endpoint-name=starter-chat",
				"sagemaker.runtime.embedding.endpoint-name=starter-embedder-2",
				"sagemaker.runtime.embedding.format=openai")) {
			context.getBean(ChatClient.Builder.class).build().prompt().user("hi").call().content();
			context.getBean(EmbeddingModel.class).call(new EmbeddingRequest(List.of("one two", "three"), null));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find("gen_ai.client.token.usage").tag("gen_ai.token.type", "input").counters())
				.extracting((counter) -> counter.getId().getTag("gen_ai.operation.name"))
				.containsExactlyInAnyOrder("chat", "embedding");
			assertThat(registry.find("gen_ai.client.token.usage")
				.tag("gen_ai.operation.name", "chat")
				.tag("gen_ai.token.type", "output")
				.counter()).extracting(Counter::count).as("two tokens, counted once").isEqualTo(2.0);
			assertThat(registry.find("gen_ai.client.operation").timers()).hasSize(2);
			assertThat(context.getBean(PrometheusMeterRegistry.class).scrape())
				.contains("gen_ai_client_token_usage_total{", "gen_ai_client_operation_seconds_count{");
			assertThat(context.getBean(RegistrationFailures.class).failures).isEmpty();
		}
	}

	private static ConfigurableApplicationContext application(String... properties) {
		return new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.properties("sagemaker.runtime.region=us-east-1", "sagemaker.runtime.credentials.access-key=test",
					"sagemaker.runtime.credentials.secret-key=test",
					"sagemaker.runtime.endpoint-override=" + sagemaker.emulator().endpointOverride())
			.properties(properties)
			.run();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

		@Bean
		RegistrationFailures registrationFailures() {
			return new RegistrationFailures();
		}

		@Bean
		MeterRegistryCustomizer<PrometheusMeterRegistry> registrationFailuresListener(RegistrationFailures failures) {
			return (registry) -> registry.config()
				.onMeterRegistrationFailed((id, reason) -> failures.failures.add(id.getName() + ": " + reason));
		}

	}

	/**
	 * The meters that the Prometheus registry refused.
	 */
	static class RegistrationFailures {

		final List<String> failures = new CopyOnWriteArrayList<>();

	}

}
