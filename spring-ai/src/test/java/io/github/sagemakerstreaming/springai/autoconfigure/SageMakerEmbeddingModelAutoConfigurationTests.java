package io.github.sagemakerstreaming.springai.autoconfigure;

import io.github.sagemakerstreaming.autoconfigure.SageMakerEmbeddingAutoConfiguration;
import io.github.sagemakerstreaming.autoconfigure.SageMakerRuntimeAutoConfiguration;
import io.github.sagemakerstreaming.runtime.embedding.EmbeddingTemplate;
import io.github.sagemakerstreaming.springai.SageMakerEmbeddingModel;
import org.junit.jupiter.api.Test;
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
