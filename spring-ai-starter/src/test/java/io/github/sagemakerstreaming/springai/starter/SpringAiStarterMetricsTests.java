package io.github.sagemakerstreaming.springai.starter;

import java.util.List;

import io.github.sagemakerstreaming.emulator.EmbeddingContainer;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with the Spring AI starter and a meter registry, and nothing else of
 * Spring AI: what a Spring AI model starter brings is auto-configured, so that the token
 * usage of every call is counted, as with any other provider.
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

	}

}
