package io.github.sagemakerstreaming.springai.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.sagemakerstreaming.autoconfigure.SageMakerRuntimeAutoConfiguration;
import io.github.sagemakerstreaming.autoconfigure.SageMakerRuntimeMetricsAutoConfiguration;
import io.github.sagemakerstreaming.autoconfigure.SageMakerRuntimeObservationAutoConfiguration;
import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import io.github.sagemakerstreaming.runtime.StreamingInferenceTemplate;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.model.chat.observation.autoconfigure.ChatObservationAutoConfiguration;

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
import static org.awaitility.Awaitility.await;

/**
 * An application that streams with the template and chats through Spring AI, with
 * Prometheus as its registry and Spring AI's chat observation auto-configured: no meter
 * is refused, both paths are counted in one family, and each call's tokens once.
 */
class SageMakerChatModelPrometheusTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, PrometheusMetricsExportAutoConfiguration.class,
				ChatObservationAutoConfiguration.class, SageMakerRuntimeAutoConfiguration.class,
				SageMakerRuntimeMetricsAutoConfiguration.class, SageMakerRuntimeObservationAutoConfiguration.class,
				SageMakerChatModelAutoConfiguration.class))
		.withUserConfiguration(RegistrationFailures.class)
		.withPropertyValues("sagemaker.runtime.region=us-east-1", "sagemaker.runtime.credentials.access-key=test",
				"sagemaker.runtime.credentials.secret-key=test",
				"sagemaker.runtime.endpoint-override=" + sagemaker.emulator().endpointOverride(),
				"sagemaker.runtime.endpoint-name=prometheus-chat");

	@Test
	void theTemplateAndTheChatModelRecordIntoOneRegistryWithoutARefusedMeter() {
		sagemaker.emulator().register("prometheus-chat", Dialect.VLLM_CHAT).tokens("a", "b");
		this.contextRunner.run((context) -> {
			context.getBean(StreamingInferenceTemplate.class).stream("hi").blockLast(TIMEOUT);
			ChatClient.create(context.getBean(ChatModel.class))
				.prompt()
				.user("hi")
				.stream()
				.content()
				.blockLast(TIMEOUT);
			PrometheusMeterRegistry prometheus = context.getBean(PrometheusMeterRegistry.class);
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(Scrape.of(prometheus.scrape())
					.sum("gen_ai_client_operation_duration_seconds_count", "sagemaker_endpoint_name",
							"prometheus-chat"))
					.as("both calls in the template's meter")
					.isEqualTo(2));
			Scrape scrape = Scrape.of(prometheus.scrape());
			assertThat(context.getBean(RegistrationFailures.class).failures).isEmpty();
			assertThat(scrape.sum("gen_ai_client_token_usage_total", "gen_ai_token_type", "output"))
				.as("two output tokens a call, counted once for each of the two calls")
				.isEqualTo(4);
			assertThat(scrape.names()).noneMatch((name) -> name.contains("token_usage_") && !name.endsWith("_total"))
				.noneMatch((name) -> name.endsWith("_"));
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
