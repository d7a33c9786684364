package io.github.sagemakerstreaming.springai.autoconfigure;

import io.github.sagemakerstreaming.autoconfigure.SageMakerEmbeddingAutoConfiguration;
import io.github.sagemakerstreaming.autoconfigure.SageMakerRuntimeAutoConfiguration;
import io.github.sagemakerstreaming.emulator.EmbeddingContainer;
import io.github.sagemakerstreaming.emulator.RecordedInvocation;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import io.github.sagemakerstreaming.runtime.embedding.EmbeddingTemplate;
import io.github.sagemakerstreaming.springai.SageMakerEmbeddingModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.embedding.EmbeddingModel;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the Spring AI embedding model is auto-configured, and when it backs off.
 */
class SageMakerEmbeddingModelAutoConfigurationTests {

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SageMakerRuntimeAutoConfiguration.class,
				SageMakerEmbeddingAutoConfiguration.class, SageMakerEmbeddingModelAutoConfiguration.class))
		.withPropertyValues("sagemaker.runtime.region=us-east-1", "sagemaker.runtime.credentials.access-key=test",
				"sagemaker.runtime.credentials.secret-key=test");

	@Test
	void isTheEmbeddingModelWhenNoProviderIsChosen() {
		this.contextRunner.run((context) -> assertThat(context).getBean(EmbeddingModel.class)
			.isInstanceOf(SageMakerEmbeddingModel.class));
	}

	@Test
	void isTheEmbeddingModelWhenSageMakerIsChosen() {
		this.contextRunner.withPropertyValues("spring.ai.model.embedding=sagemaker")
			.run((context) -> assertThat(context).hasSingleBean(SageMakerEmbeddingModel.class));
	}

	@Test
	void backsOffWhenAnotherProviderIsChosen() {
		this.contextRunner.withPropertyValues("spring.ai.model.embedding=openai")
			.run((context) -> assertThat(context).doesNotHaveBean(SageMakerEmbeddingModel.class));
	}

	@Test
	void backsOffToTheApplicationsModel() {
		this.contextRunner.withUserConfiguration(OwnModel.class)
			.run((context) -> assertThat(context).getBean(SageMakerEmbeddingModel.class)
				.isSameAs(context.getBean("ownModel")));
	}

	@Test
	void thePropertiesReachTheWireOverTheTemplatesDefaults() {
		sagemaker.emulator().registerEmbedding("spring-ai-embedding-properties", EmbeddingContainer.TEI);
		this.contextRunner
			.withPropertyValues("sagemaker.runtime.endpoint-override=" + sagemaker.emulator().endpointOverride(),
					"sagemaker.runtime.embedding.endpoint-name=not-this-one",
					"sagemaker.runtime.embedding.inference-component-name=ic-template",
					"spring.ai.sagemaker.embedding.endpoint-name=spring-ai-embedding-properties",
					"spring.ai.sagemaker.embedding.inference-component-name=ic-properties",
					"spring.ai.sagemaker.embedding.dimensions=8")
			.run((context) -> {
				context.getBean(EmbeddingModel.class).embed("hello");
				RecordedInvocation invocation = sagemaker.emulator()
					.invocations("spring-ai-embedding-properties")
					.get(0);
				assertThat(invocation.bodyAsString()).contains("\"dimensions\":8");
				assertThat(invocation.header("X-Amzn-SageMaker-Inference-Component")).isEqualTo("ic-properties");
			});
	}

	@Test
	void dimensionsBelowOneFailAtStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("spring.ai.sagemaker.embedding.dimensions=0")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Failed to bind properties under 'spring.ai.sagemaker.embedding'")
				.hasStackTraceContaining("Unable to set value for property dimensions")
				.hasStackTraceContaining("dimensions must be at least 1"));
	}

	@Test
	void needsSpringAi() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(EmbeddingModel.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SageMakerEmbeddingModel.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnModel {

		@Bean
		SageMakerEmbeddingModel ownModel(EmbeddingTemplate template) {
			return SageMakerEmbeddingModel.builder().template(template).build();
		}

	}

}
