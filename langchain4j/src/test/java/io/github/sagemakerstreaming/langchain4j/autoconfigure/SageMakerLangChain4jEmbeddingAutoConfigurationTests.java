package io.github.sagemakerstreaming.langchain4j.autoconfigure;

import java.util.List;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.response.EmbeddingResponse;
import io.github.sagemakerstreaming.autoconfigure.SageMakerEmbeddingAutoConfiguration;
import io.github.sagemakerstreaming.autoconfigure.SageMakerRuntimeAutoConfiguration;
import io.github.sagemakerstreaming.emulator.EmbeddingContainer;
import io.github.sagemakerstreaming.emulator.RecordedInvocation;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import io.github.sagemakerstreaming.langchain4j.SageMakerEmbeddingModel;
import io.github.sagemakerstreaming.runtime.embedding.EmbeddingTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Spring Boot, LangChain4j's embedding model is a bean on the auto-configured
 * embedding template.
 */
class SageMakerLangChain4jEmbeddingAutoConfigurationTests {

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SageMakerRuntimeAutoConfiguration.class,
				SageMakerEmbeddingAutoConfiguration.class, SageMakerLangChain4jEmbeddingAutoConfiguration.class))
		.withPropertyValues("sagemaker.runtime.region=us-east-1", "sagemaker.runtime.credentials.access-key=test",
				"sagemaker.runtime.credentials.secret-key=test",
				"sagemaker.runtime.endpoint-override=" + sagemaker.emulator().endpointOverride());

	@Test
	void theConfiguredEmbeddingEndpointIsAnEmbeddingModel() {
		sagemaker.emulator().registerEmbedding("l4j-embedder", EmbeddingContainer.TEI).dimensions(12);
		this.contextRunner.withPropertyValues("sagemaker.runtime.embedding.endpoint-name=l4j-embedder")
			.run((context) -> {
				assertThat(context).hasSingleBean(SageMakerEmbeddingModel.class);
				assertThat(context.getBean(EmbeddingModel.class).embed("hello").content().dimension()).isEqualTo(12);
			});
	}

	@Test
	void thePropertiesReachTheWireOverTheTemplatesDefaults() {
		sagemaker.emulator().registerEmbedding("l4j-embedding-properties", EmbeddingContainer.TEI);
		this.contextRunner
			.withPropertyValues("sagemaker.runtime.embedding.endpoint-name=not-this-one",
					"sagemaker.runtime.embedding.inference-component-name=ic-template",
					"langchain4j.sagemaker.embedding-model.endpoint-name=l4j-embedding-properties",
					"langchain4j.sagemaker.embedding-model.inference-component-name=ic-properties",
					"langchain4j.sagemaker.embedding-model.dimensions=8")
			.run((context) -> {
				assertThat(context.getBean(EmbeddingModel.class).embed("hello").content().dimension()).isPositive();
				RecordedInvocation invocation = sagemaker.emulator().invocations("l4j-embedding-properties").get(0);
				assertThat(invocation.bodyAsString()).contains("\"dimensions\":8");
				assertThat(invocation.header("X-Amzn-SageMaker-Inference-Component")).isEqualTo("ic-properties");
			});
	}

	@Test
	void backsOffToTheApplicationsSageMakerEmbeddingModel() {
		this.contextRunner.withUserConfiguration(OwnSageMakerModel.class)
			.run((context) -> assertThat(context).getBean(SageMakerEmbeddingModel.class)
				.isSameAs(context.getBean("ownSageMakerEmbeddingModel")));
	}

	@Test
	void sitsBesideAnotherProvidersEmbeddingModel() {
		this.contextRunner.withUserConfiguration(OwnModel.class)
			.run((context) -> assertThat(context).hasSingleBean(SageMakerEmbeddingModel.class)
				.hasBean("ownEmbeddingModel"));
	}

	@Test
	void needsTheTemplate() {
		this.contextRunner.withPropertyValues("sagemaker.runtime.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SageMakerEmbeddingModel.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnSageMakerModel {

		@Bean
		SageMakerEmbeddingModel ownSageMakerEmbeddingModel(EmbeddingTemplate template) {
			return SageMakerEmbeddingModel.builder().template(template).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnModel {

		@Bean
		EmbeddingModel ownEmbeddingModel() {
			return new EmbeddingModel() {

				@Override
				public EmbeddingResponse doEmbed(dev.langchain4j.model.embedding.request.EmbeddingRequest request) {
					return EmbeddingResponse.builder().embeddings(List.of(Embedding.from(new float[] { 1 }))).build();
				}

			};
		}

	}

}
