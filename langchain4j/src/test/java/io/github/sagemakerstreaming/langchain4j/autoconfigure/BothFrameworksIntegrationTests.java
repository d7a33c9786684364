package io.github.sagemakerstreaming.langchain4j.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.github.sagemakerstreaming.autoconfigure.SageMakerEmbeddingAutoConfiguration;
import io.github.sagemakerstreaming.autoconfigure.SageMakerRuntimeAutoConfiguration;
import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.EmbeddingContainer;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import io.github.sagemakerstreaming.springai.autoconfigure.SageMakerChatModelAutoConfiguration;
import io.github.sagemakerstreaming.springai.autoconfigure.SageMakerEmbeddingModelAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.model.chat.client.autoconfigure.ChatClientAutoConfiguration;
import org.springframework.ai.model.chat.memory.autoconfigure.ChatMemoryAutoConfiguration;
import org.springframework.ai.model.chat.observation.autoconfigure.ChatObservationAutoConfiguration;
import org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with both the Spring AI and the LangChain4j modules, and Spring AI's own
 * auto-configurations, starts, and each framework's chat model answers through the real
 * AWS SDK against the emulator.
 */
class BothFrameworksIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SageMakerRuntimeAutoConfiguration.class,
				SageMakerEmbeddingAutoConfiguration.class, ToolCallingAutoConfiguration.class,
				ChatMemoryAutoConfiguration.class, ChatClientAutoConfiguration.class,
				ChatObservationAutoConfiguration.class, SageMakerChatModelAutoConfiguration.class,
				SageMakerEmbeddingModelAutoConfiguration.class, SageMakerLangChain4jAutoConfiguration.class,
				SageMakerLangChain4jEmbeddingAutoConfiguration.class))
		.withPropertyValues("sagemaker.runtime.region=us-east-1", "sagemaker.runtime.credentials.access-key=test",
				"sagemaker.runtime.credentials.secret-key=test",
				"sagemaker.runtime.endpoint-override=" + sagemaker.emulator().endpointOverride());

	@Test
	void bothFrameworksChatModelsAnswerInOneApplication() {
		sagemaker.emulator().register("both-frameworks", Dialect.VLLM_CHAT).tokens("one", " answer");
		sagemaker.emulator().registerEmbedding("both-frameworks-embedder", EmbeddingContainer.TEI);
		this.contextRunner
			.withPropertyValues("sagemaker.runtime.endpoint-name=both-frameworks",
					"sagemaker.runtime.embedding.endpoint-name=both-frameworks-embedder")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(io.github.sagemakerstreaming.springai.SageMakerChatModel.class)
					.hasSingleBean(io.github.sagemakerstreaming.springai.SageMakerEmbeddingModel.class)
					.hasSingleBean(io.github.sagemakerstreaming.langchain4j.SageMakerChatModel.class)
					.hasSingleBean(io.github.sagemakerstreaming.langchain4j.SageMakerStreamingChatModel.class)
					.hasSingleBean(io.github.sagemakerstreaming.langchain4j.SageMakerEmbeddingModel.class);
				assertThat(context.getBean(ChatClient.Builder.class).build().prompt().user("hi").call().content())
					.isEqualTo("one answer");
				assertThat(context.getBean(ChatModel.class).chat("hi")).isEqualTo("one answer");
				assertThat(streamed(context.getBean(StreamingChatModel.class))).isEqualTo("one answer");
			});
	}

	private static String streamed(StreamingChatModel model) throws Exception {
		CompletableFuture<ChatResponse> answer = new CompletableFuture<>();
		model.chat("hi", new StreamingChatResponseHandler() {

			@Override
			public void onCompleteResponse(ChatResponse response) {
				answer.complete(response);
			}

			@Override
			public void onError(Throwable error) {
				answer.completeExceptionally(error);
			}

		});
		return answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).aiMessage().text();
	}

}
