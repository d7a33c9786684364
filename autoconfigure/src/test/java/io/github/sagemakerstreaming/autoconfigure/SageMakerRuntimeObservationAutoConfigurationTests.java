package io.github.sagemakerstreaming.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.EmbeddingContainer;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import io.github.sagemakerstreaming.runtime.InferenceRequest;
import io.github.sagemakerstreaming.runtime.StreamingInferenceTemplate;
import io.github.sagemakerstreaming.runtime.metrics.MeterNames;
import io.github.sagemakerstreaming.runtime.embedding.EmbeddingResult;
import io.github.sagemakerstreaming.runtime.embedding.EmbeddingTemplate;
import io.github.sagemakerstreaming.runtime.observation.EmbeddingMeterObservationHandler;
import io.github.sagemakerstreaming.runtime.observation.StreamMeterObservationHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Micrometer's registries auto-configured, every stream and whole answer of the
 * auto-configured template is observed, and timed and counted in tokens, with no code.
 */
class SageMakerRuntimeObservationAutoConfigurationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				SageMakerRuntimeAutoConfiguration.class, SageMakerRuntimeMetricsAutoConfiguration.class,
				SageMakerRuntimeObservationAutoConfiguration.class))
		.withPropertyValues("sagemaker.runtime.region=us-east-1", "sagemaker.runtime.credentials.access-key=test",
				"sagemaker.runtime.credentials.secret-key=test");

	@Test
	void streamsAreTimedWithTheirTimeToFirstTokenAndTheTokensTheContainerReported() {
		sagemaker.emulator().register("metered", Dialect.TGI).tokens("a", "b", "c");
		this.contextRunner.withPropertyValues(emulatorEndpoint("metered")).run((context) -> {
			context.getBean(StreamingInferenceTemplate.class).stream("hi").blockLast(TIMEOUT);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get(MeterNames.OPERATION_DURATION)
				.tag("outcome", "success")
				.tag("sagemaker.endpoint.name", "metered")
				.timer()
				.count()).isEqualTo(1);
			assertThat(meters.get(MeterNames.TIME_TO_FIRST_CHUNK)
				.tag("sagemaker.production_variant", "AllTraffic")
				.timer()
				.count()).isEqualTo(1);
			// TGI's details: input_length 7, generated_tokens 4 (the three tokens and the
			// end-of-sequence token).
			assertThat(meters.get(MeterNames.TOKEN_USAGE).tag("gen_ai.token.type", "output").counter().count())
				.isEqualTo(4);
			assertThat(meters.get(MeterNames.TOKEN_USAGE).tag("gen_ai.token.type", "input").counter().count())
				.isEqualTo(7);
			assertThat(meters.get(MeterNames.OPERATION_DURATION)
				.tag("gen_ai.response.finish_reasons", "stop")
				.timer()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void aWholeAnswerIsObservedAsAnInvokeEndpointOperation() {
		sagemaker.emulator().register("metered-invoke", Dialect.VLLM_CHAT).tokens("a", "b");
		this.contextRunner.withPropertyValues(emulatorEndpoint("metered-invoke")).run((context) -> {
			context.getBean(StreamingInferenceTemplate.class)
				.invoke(InferenceRequest.builder().prompt("hi").build())
				.block(TIMEOUT);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get(MeterNames.OPERATION_DURATION)
				.tag("sagemaker.operation", "InvokeEndpoint")
				.tag("sagemaker.endpoint.name", "metered-invoke")
				.timer()
				.count()).isEqualTo(1);
			assertThat(meters.find(MeterNames.TIME_TO_FIRST_CHUNK).timers()).as("a whole answer has no first chunk")
				.isEmpty();
			assertThat(meters.get(MeterNames.TOKEN_USAGE)
				.tag("gen_ai.response.model", "metered-invoke")
				.tag("gen_ai.token.type", "output")
				.counter()
				.count()).isEqualTo(2);
		});
	}

	@Test
	void usageIsAskedForAndRecordedOnlyWhereTheContainerReportsIt() {
		sagemaker.emulator().register("chat-usage", Dialect.VLLM_CHAT).tokens("a", "b");
		sagemaker.emulator().register("legacy", Dialect.LMI_LEGACY).tokens("a", "b");
		this.contextRunner.withPropertyValues(emulatorEndpoint("chat-usage")).run((context) -> {
			StreamingInferenceTemplate template = context.getBean(StreamingInferenceTemplate.class);
			template.stream("one two three").blockLast(TIMEOUT);
			template.stream(InferenceRequest.builder().prompt("hi").endpointName("legacy").build()).blockLast(TIMEOUT);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get(MeterNames.TOKEN_USAGE)
				.tag("gen_ai.response.model", "chat-usage")
				.tag("gen_ai.token.type", "input")
				.counter()
				.count()).isEqualTo(3);
			assertThat(meters.get(MeterNames.TOKEN_USAGE)
				.tag("gen_ai.response.model", "chat-usage")
				.tag("gen_ai.token.type", "output")
				.counter()
				.count()).isEqualTo(2);
			assertThat(meters.find(MeterNames.TOKEN_USAGE).tag("gen_ai.response.model", "legacy").meters())
				.as("a container that reports no usage")
				.isEmpty();
		});
	}

	@Test
	void anEmbedIsTimedAndItsTokensAreCounted() {
		sagemaker.emulator().registerEmbedding("metered-embedder", EmbeddingContainer.VLLM);
		this.contextRunner.withConfiguration(AutoConfigurations.of(SageMakerEmbeddingAutoConfiguration.class))
			.withPropertyValues(emulatorEndpoint("metered-chat"))
			.withPropertyValues("sagemaker.runtime.embedding.endpoint-name=metered-embedder",
					"sagemaker.runtime.embedding.format=openai")
			.run((context) -> {
				EmbeddingResult result = context.getBean(EmbeddingTemplate.class)
					.embed(List.of("one text", "another text"))
					.block(TIMEOUT);
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(meters.get(MeterNames.OPERATION_DURATION)
					.tag("gen_ai.operation.name", "embeddings")
					.tag("sagemaker.endpoint.name", "metered-embedder")
					.timer()
					.count()).isEqualTo(1);
				assertThat(meters.get(MeterNames.TOKEN_USAGE)
					.tag("gen_ai.operation.name", "embeddings")
					.tag("gen_ai.token.type", "input")
					.counter()
					.count()).isEqualTo(result.usage().inputTokens());
			});
	}

	@Test
	void noMeterOfTheStarterExistsWhenItIsDisabled() {
		this.contextRunner.withPropertyValues("sagemaker.runtime.enabled=false")
			.run((context) -> assertThat(context.getBean(MeterRegistry.class).getMeters())
				.noneSatisfy((meter) -> assertThat(meter.getId().getName()).startsWith("sagemaker.runtime"))
				.satisfies((meters) -> assertThat(context).doesNotHaveBean(StreamMeterObservationHandler.class)
					.doesNotHaveBean(EmbeddingMeterObservationHandler.class)
					.doesNotHaveBean(StreamingInferenceTemplateCustomizer.class)));
	}

	@Test
	void withoutAnObservationRegistryStreamsAreNotObserved() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SageMakerRuntimeAutoConfiguration.class,
					SageMakerRuntimeObservationAutoConfiguration.class, SageMakerRuntimeMetricsAutoConfiguration.class))
			.withPropertyValues("sagemaker.runtime.region=us-east-1",
					"sagemaker.runtime.credentials.verify-on-startup=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ObservationRegistry.class)
				.doesNotHaveBean(StreamingInferenceTemplateCustomizer.class)
				.doesNotHaveBean(SageMakerRuntimeAsyncClientCustomizer.class)
				.hasSingleBean(StreamingInferenceTemplate.class));
	}

	@Test
	void withoutMicrometerCoreNoMetersAreRecordedButStreamsAreStillObserved() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
					SageMakerRuntimeAutoConfiguration.class, SageMakerRuntimeMetricsAutoConfiguration.class,
					SageMakerRuntimeObservationAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.withPropertyValues("sagemaker.runtime.region=us-east-1",
					"sagemaker.runtime.credentials.verify-on-startup=false")
			.run((context) -> assertThat(context).hasSingleBean(StreamingInferenceTemplateCustomizer.class)
				.doesNotHaveBean(StreamMeterObservationHandler.class)
				.doesNotHaveBean(SageMakerRuntimeAsyncClientCustomizer.class));
	}

	private static String[] emulatorEndpoint(String endpointName) {
		return new String[] { "sagemaker.runtime.endpoint-override=" + sagemaker.emulator().endpointOverride(),
				"sagemaker.runtime.endpoint-name=" + endpointName };
	}

}
