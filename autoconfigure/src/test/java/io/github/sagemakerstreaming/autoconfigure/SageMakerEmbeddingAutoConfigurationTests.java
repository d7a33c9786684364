package io.github.sagemakerstreaming.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import io.github.sagemakerstreaming.emulator.EmbeddingContainer;
import io.github.sagemakerstreaming.emulator.RecordedInvocation;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import io.github.sagemakerstreaming.runtime.embedding.EmbeddingResult;
import io.github.sagemakerstreaming.runtime.embedding.EmbeddingTemplate;
import io.github.sagemakerstreaming.runtime.metrics.MeterNames;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configured embedding template, with nothing but properties, through the real
 * SDK against the emulator.
 */
class SageMakerEmbeddingAutoConfigurationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SageMakerRuntimeAutoConfiguration.class,
				SageMakerEmbeddingAutoConfiguration.class))
		.withPropertyValues("sagemaker.runtime.region=us-east-1", "sagemaker.runtime.credentials.access-key=AKID",
				"sagemaker.runtime.credentials.secret-key=SECRET",
				"sagemaker.runtime.endpoint-override=" + sagemaker.emulator().endpointOverride());

	@Test
	void embedsWithThePropertiesOnTheStreamingTemplatesClient() {
		sagemaker.emulator().registerEmbedding("docs-embedder", EmbeddingContainer.JUMPSTART).dimensions(16);
		this.contextRunner
			.withPropertyValues("sagemaker.runtime.embedding.endpoint-name=docs-embedder",
					"sagemaker.runtime.embedding.inference-component-name=embedder-ic",
					"sagemaker.runtime.embedding.format=jumpstart", "sagemaker.runtime.embedding.batch-size=3",
					"sagemaker.runtime.embedding.concurrency=2")
			.run((context) -> {
				assertThat(context).hasSingleBean(EmbeddingTemplate.class)
					.hasSingleBean(SageMakerRuntimeAsyncClient.class);
				List<String> inputs = IntStream.range(0, 7).mapToObj((i) -> "text " + i).toList();
				EmbeddingResult result = context.getBean(EmbeddingTemplate.class).embed(inputs).block(TIMEOUT);
				assertThat(result.vectors()).hasSize(7);
				assertThat(result.dimensions()).isEqualTo(16);
				List<RecordedInvocation> calls = sagemaker.emulator().invocations("docs-embedder");
				assertThat(calls).hasSize(3).allSatisfy((call) -> {
					assertThat(JSON.readTree(call.body()).get("text_inputs").size()).isLessThanOrEqualTo(3);
					assertThat(call.header("X-Amzn-SageMaker-Inference-Component")).isEqualTo("embedder-ic");
				});
			});
	}

	@Test
	void observesEveryEmbedWithTheApplicationsObservationRegistry() {
		sagemaker.emulator().registerEmbedding("observed-embedder", EmbeddingContainer.TEI);
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
			.withPropertyValues("sagemaker.runtime.embedding.endpoint-name=observed-embedder")
			.run((context) -> {
				context.getBean(EmbeddingTemplate.class).embed(List.of("a text")).block(TIMEOUT);
				TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
					.hasObservationWithNameEqualTo(MeterNames.OPERATION_DURATION)
					.that()
					.hasLowCardinalityKeyValue("gen_ai.operation.name", "embeddings")
					.hasLowCardinalityKeyValue("sagemaker.endpoint.name", "observed-embedder");
			});
	}

	@Test
	void aBatchSizeBelowOneFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("sagemaker.runtime.embedding.batch-size=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("sagemaker.runtime.embedding.batch-size"));
	}

	@Test
	void backsOffToAUsersTemplate() {
		this.contextRunner.withUserConfiguration(UserTemplateConfiguration.class)
			.run((context) -> assertThat(context).getBean(EmbeddingTemplate.class)
				.isSameAs(context.getBean("userEmbeddingTemplate")));
	}

	@Test
	void isOffWithTheStarter() {
		this.contextRunner.withPropertyValues("sagemaker.runtime.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(EmbeddingTemplate.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserTemplateConfiguration {

		@Bean
		EmbeddingTemplate userEmbeddingTemplate(SageMakerRuntimeAsyncClient client) {
			return EmbeddingTemplate.builder(client).endpointName("mine").build();
		}

	}

}
