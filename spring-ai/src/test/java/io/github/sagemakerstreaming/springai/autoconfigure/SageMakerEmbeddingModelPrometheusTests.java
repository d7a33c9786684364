package io.github.sagemakerstreaming.springai.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.sagemakerstreaming.autoconfigure.SageMakerEmbeddingAutoConfiguration;
import io.github.sagemakerstreaming.autoconfigure.SageMakerRuntimeAutoConfiguration;
import io.github.sagemakerstreaming.autoconfigure.SageMakerRuntimeObservationAutoConfiguration;
import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.EmbeddingContainer;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import io.github.sagemakerstreaming.runtime.StreamingInferenceTemplate;
import io.github.sagemakerstreaming.runtime.embedding.EmbeddingResult;
import io.github.sagemakerstreaming.runtime.embedding.EmbeddingTemplate;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.model.embedding.observation.autoconfigure.EmbeddingObservationAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that streams, embeds with the template and embeds through Spring AI,
 * with Prometheus as its registry and Spring AI's embedding observation auto-configured:
 * no meter is refused, streams and embeddings are timed in one family, and each call's
 * tokens are counted once, by the template alone or by Spring AI around it.
 */
class SageMakerEmbeddingModelPrometheusTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final List<String> TEXTS = List.of("the cat sat on the mat", "stock prices fell");

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, PrometheusMetricsExportAutoConfiguration.class,
				EmbeddingObservationAutoConfiguration.class, SageMakerRuntimeAutoConfiguration.class,
				SageMakerRuntimeObservationAutoConfiguration.class, SageMakerEmbeddingAutoConfiguration.class,
				SageMakerEmbeddingModelAutoConfiguration.class))
		.withUserConfiguration(RegistrationFailures.class)
		.withPropertyValues("sagemaker.runtime.region=us-east-1", "sagemaker.runtime.credentials.access-key=test",
				"sagemaker.runtime.credentials.secret-key=test",
				"sagemaker.runtime.endpoint-override=" + sagemaker.emulator().endpointOverride(),
				"sagemaker.runtime.endpoint-name=prometheus-chat",
				"sagemaker.runtime.embedding.endpoint-name=prometheus-embedder",
				"sagemaker.runtime.embedding.format=openai");

	@Test
	void streamsAndEmbeddingsRecordIntoOneRegistryWithEachCallsTokensCountedOnce() {
		sagemaker.emulator().register("prometheus-chat", Dialect.VLLM_CHAT).tokens("a", "b");
		sagemaker.emulator().registerEmbedding("prometheus-embedder", EmbeddingContainer.VLLM);
		this.contextRunner.run((context) -> {
			context.getBean(StreamingInferenceTemplate.class).stream("hi").blockLast(TIMEOUT);
			EmbeddingResult direct = context.getBean(EmbeddingTemplate.class).embed(TEXTS).block(TIMEOUT);
			context.getBean(EmbeddingModel.class).embed(TEXTS);
			Scrape scrape = Scrape.of(context.getBean(PrometheusMeterRegistry.class).scrape());
			assertThat(context.getBean(RegistrationFailures.class).failures).isEmpty();
			assertThat(
					scrape.sum("gen_ai_client_operation_duration_seconds_count", "gen_ai_operation_name", "embeddings"))
				.as("the direct embed and the one inside Spring AI's call")
				.isEqualTo(2);
			assertThat(scrape.sum("gen_ai_client_operation_duration_seconds_count", "gen_ai_operation_name", "chat"))
				.isEqualTo(1);
			assertThat(scrape.samples()
				.stream()
				.filter((sample) -> sample.name().equals("gen_ai_client_token_usage_total")
						&& sample.labels().contains("gen_ai_token_type=\"input\"")
						&& sample.labels().contains("gen_ai_operation_name=\"embedding"))
				.mapToDouble(Scrape.Sample::value)
				.sum()).as("the same texts embedded twice, each call's tokens counted once")
				.isEqualTo(2 * direct.usage().inputTokens());
			assertThat(scrape.names()).noneMatch((name) -> name.endsWith("_"));
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class RegistrationFailures {

		final List<String> failures = new CopyOnWriteArrayList<>();

		@Bean
		MeterRegistryCustomizer<PrometheusMeterRegistry> registrationFailures() {
			return (registry) -> registry.config()
				.onMeterRegistrationFailed((id, reason) -> this.failures.add(id.getName() + ": " + reason));
		}

	}

}
