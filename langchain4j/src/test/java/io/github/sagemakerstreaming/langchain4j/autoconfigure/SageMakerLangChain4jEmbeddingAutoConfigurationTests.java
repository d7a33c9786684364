package io.github.sagemakerstreaming.langchain4j.autoconfigure;

import java.util.List;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.response.EmbeddingResponse;
import io.github.sagemakerstreaming.autoconfigure.SageMakerEmbeddingAutoConfiguration;
import io.github.sagemakerstreaming.autoconfigure.SageMakerRuntimeAutoConfiguration;
import io.github.sagemakerstreaming.emulator.EmbeddingContainer;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import io.github.sagemakerstreaming.langchain4j.SageMakerEmbeddingModel;
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
	void backsOffToTheApplicationsEmbeddingModel() {
		this.contextRunner.withUserConfiguration(OwnModel.class)
			.run((context) -> assertThat(context).doesNotHaveBean(SageMakerEmbeddingModel.class));
	}

	@Test
	void needsTheTemplate() {
		this.contextRunner.withPropertyValues("sagemaker.runtime.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SageMakerEmbeddingModel.class));
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
