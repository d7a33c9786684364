package io.github.sagemakerstreaming.langchain4j.autoconfigure;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.service.AiServices;
import io.github.sagemakerstreaming.autoconfigure.SageMakerRuntimeAutoConfiguration;
import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import io.github.sagemakerstreaming.langchain4j.SageMakerChatModel;
import io.github.sagemakerstreaming.langchain4j.SageMakerStreamingChatModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Spring Boot, both LangChain4j models are beans on the auto-configured template.
 */
class SageMakerLangChain4jAutoConfigurationTests {

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SageMakerRuntimeAutoConfiguration.class,
				SageMakerLangChain4jAutoConfiguration.class))
		.withPropertyValues("sagemaker.runtime.region=us-east-1", "sagemaker.runtime.credentials.access-key=test",
				"sagemaker.runtime.credentials.secret-key=test");

	interface Assistant {

		String ask(String question);

	}

	@Test
	void theConfiguredEndpointServesAiServices() {
		sagemaker.emulator().register("l4j-boot", Dialect.VLLM_CHAT).tokens("from", " boot");
		this.contextRunner
			.withPropertyValues("sagemaker.runtime.endpoint-override=" + sagemaker.emulator().endpointOverride(),
					"sagemaker.runtime.endpoint-name=l4j-boot")
			.withUserConfiguration(ListenerConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(SageMakerChatModel.class)
					.hasSingleBean(SageMakerStreamingChatModel.class);
				assertThat(AiServices.create(Assistant.class, context.getBean(ChatModel.class)).ask("hi"))
					.isEqualTo("from boot");
				assertThat(context.getBean(StreamingChatModel.class).listeners()).hasSize(1);
			});
	}

	@Test
	void backsOffToTheApplicationsModels() {
		this.contextRunner.withUserConfiguration(OwnModels.class)
			.run((context) -> assertThat(context).doesNotHaveBean(SageMakerChatModel.class)
				.doesNotHaveBean(SageMakerStreamingChatModel.class));
	}

	@Test
	void needsTheTemplate() {
		this.contextRunner.withPropertyValues("sagemaker.runtime.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SageMakerChatModel.class));
	}

	@Test
	void needsLangChain4j() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ChatModel.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SageMakerChatModel.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class ListenerConfiguration {

		@Bean
		ChatModelListener listener() {
			return new ChatModelListener() {
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnModels {

		@Bean
		ChatModel ownChatModel() {
			return new ChatModel() {

				@Override
				public ChatResponse doChat(ChatRequest request) {
					throw new UnsupportedOperationException("a stand-in");
				}

			};
		}

		@Bean
		StreamingChatModel ownStreamingChatModel() {
			return new StreamingChatModel() {

				@Override
				public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
					handler.onError(new UnsupportedOperationException("a stand-in"));
				}

			};
		}

	}

}
