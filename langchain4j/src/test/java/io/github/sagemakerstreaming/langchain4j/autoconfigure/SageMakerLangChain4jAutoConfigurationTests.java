package io.github.sagemakerstreaming.langchain4j.autoconfigure;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.service.AiServices;
import io.github.sagemakerstreaming.autoconfigure.SageMakerRuntimeAutoConfiguration;
import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.RecordedInvocation;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import io.github.sagemakerstreaming.langchain4j.SageMakerChatModel;
import io.github.sagemakerstreaming.langchain4j.SageMakerStreamingChatModel;
import io.github.sagemakerstreaming.runtime.StreamingInferenceTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
	void sitsBesideAnotherProvidersModels() {
		this.contextRunner.withUserConfiguration(OwnModels.class)
			.run((context) -> assertThat(context).hasSingleBean(SageMakerChatModel.class)
				.hasSingleBean(SageMakerStreamingChatModel.class)
				.hasBean("ownChatModel")
				.hasBean("ownStreamingChatModel"));
	}

	@Test
	void backsOffToTheApplicationsSageMakerModels() {
		this.contextRunner.withUserConfiguration(OwnSageMakerModels.class).run((context) -> {
			assertThat(context).getBean(SageMakerChatModel.class).isSameAs(context.getBean("ownSageMakerChatModel"));
			assertThat(context).getBean(SageMakerStreamingChatModel.class)
				.isSameAs(context.getBean("ownSageMakerStreamingChatModel"));
		});
	}

	@Test
	void eachModelsPropertiesReachTheWireOverTheTemplatesDefaults() {
		sagemaker.emulator().register("l4j-chat-properties", Dialect.VLLM_CHAT).tokens("ok");
		sagemaker.emulator().register("l4j-streaming-properties", Dialect.VLLM_CHAT).tokens("ok");
		this.contextRunner
			.withPropertyValues("sagemaker.runtime.endpoint-override=" + sagemaker.emulator().endpointOverride(),
					"sagemaker.runtime.endpoint-name=not-this-one", "sagemaker.runtime.format=tgi",
					"sagemaker.runtime.inference-component-name=ic-template",
					"sagemaker.runtime.parameters.temperature=0.9", "sagemaker.runtime.parameters.top_k=5",
					"langchain4j.sagemaker.chat-model.endpoint-name=l4j-chat-properties",
					"langchain4j.sagemaker.chat-model.inference-component-name=ic-chat",
					"langchain4j.sagemaker.chat-model.format=openai-chat",
					"langchain4j.sagemaker.chat-model.temperature=0.2",
					"langchain4j.sagemaker.chat-model.max-tokens=64", "langchain4j.sagemaker.chat-model.top-p=0.5",
					"langchain4j.sagemaker.chat-model.stop-sequences=END,STOP",
					"langchain4j.sagemaker.chat-model.custom-parameters.[repetition_penalty]=1.1",
					"langchain4j.sagemaker.chat-model.custom-parameters.[guided_choice]=[\"ok\",\"no\"]",
					"langchain4j.sagemaker.streaming-chat-model.endpoint-name=l4j-streaming-properties",
					"langchain4j.sagemaker.streaming-chat-model.inference-component-name=ic-streaming",
					"langchain4j.sagemaker.streaming-chat-model.format=openai-chat",
					"langchain4j.sagemaker.streaming-chat-model.temperature=0.3",
					"langchain4j.sagemaker.streaming-chat-model.max-tokens=32",
					"langchain4j.sagemaker.streaming-chat-model.top-p=0.6",
					"langchain4j.sagemaker.streaming-chat-model.stop-sequences=HALT",
					"langchain4j.sagemaker.streaming-chat-model.custom-parameters.[user]=ada")
			.run((context) -> {
				assertThat(context.getBean(ChatModel.class).chat("hi")).isEqualTo("ok");
				CompletableFuture<ChatResponse> streamed = new CompletableFuture<>();
				context.getBean(StreamingChatModel.class).chat("hi", new StreamingChatResponseHandler() {

					@Override
					public void onCompleteResponse(ChatResponse response) {
						streamed.complete(response);
					}

					@Override
					public void onError(Throwable error) {
						streamed.completeExceptionally(error);
					}

				});
				assertThat(streamed.get(20, TimeUnit.SECONDS).aiMessage().text()).isEqualTo("ok");
				RecordedInvocation chat = sagemaker.emulator().invocations("l4j-chat-properties").get(0);
				assertThat(body(chat).path("messages").get(0).path("content").asString()).isEqualTo("hi");
				assertThat(body(chat).path("temperature").asDouble()).isEqualTo(0.2);
				assertThat(body(chat).path("max_tokens").asInt()).isEqualTo(64);
				assertThat(body(chat).path("top_p").asDouble()).isEqualTo(0.5);
				assertThat(body(chat).path("stop").toString()).isEqualTo("[\"END\",\"STOP\"]");
				assertThat(body(chat).path("top_k").asInt()).as("a template default no property replaces").isEqualTo(5);
				assertThat(chat.header("X-Amzn-SageMaker-Inference-Component")).isEqualTo("ic-chat");
				assertThat(body(chat).path("repetition_penalty").isDouble()).as("a JSON value is sent as JSON")
					.isTrue();
				assertThat(body(chat).path("repetition_penalty").asDouble()).isEqualTo(1.1);
				assertThat(body(chat).path("guided_choice").toString()).isEqualTo("[\"ok\",\"no\"]");
				assertThat(body(chat).has("user")).as("another model's custom parameter").isFalse();
				RecordedInvocation streaming = sagemaker.emulator().invocations("l4j-streaming-properties").get(0);
				assertThat(body(streaming).path("messages").get(0).path("content").asString()).isEqualTo("hi");
				assertThat(body(streaming).path("temperature").asDouble()).isEqualTo(0.3);
				assertThat(body(streaming).path("max_tokens").asInt()).isEqualTo(32);
				assertThat(body(streaming).path("top_p").asDouble()).isEqualTo(0.6);
				assertThat(body(streaming).path("stop").toString()).isEqualTo("[\"HALT\"]");
				assertThat(streaming.header("X-Amzn-SageMaker-Inference-Component")).isEqualTo("ic-streaming");
				assertThat(body(streaming).path("user").isString()).as("text that is not JSON is sent as text")
					.isTrue();
				assertThat(body(streaming).path("user").asString()).isEqualTo("ada");
				assertThat(body(streaming).has("repetition_penalty")).as("another model's custom parameter").isFalse();
			});
	}

	@Test
	@ResourceLock("io.github.sagemakerstreaming.runtime.StreamingInferenceTemplate")
	void eachModelLogsItsBodiesAndAnswersOnlyWhenItsOwnPropertiesSaySo() {
		sagemaker.emulator().register("l4j-logged", Dialect.VLLM_CHAT).tokens("logged", " answer");
		Logger logger = (Logger) LoggerFactory.getLogger(StreamingInferenceTemplate.class);
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		Level level = logger.getLevel();
		logger.setLevel(Level.DEBUG);
		appender.start();
		logger.addAppender(appender);
		try {
			this.contextRunner
				.withPropertyValues("sagemaker.runtime.endpoint-override=" + sagemaker.emulator().endpointOverride(),
						"sagemaker.runtime.endpoint-name=l4j-logged",
						"langchain4j.sagemaker.chat-model.log-requests=true",
						"langchain4j.sagemaker.chat-model.log-responses=true")
				.run((context) -> {
					assertThat(context.getBean(ChatModel.class).chat("logged prompt")).isEqualTo("logged answer");
					CompletableFuture<ChatResponse> streamed = new CompletableFuture<>();
					context.getBean(StreamingChatModel.class).chat("quiet prompt", new StreamingChatResponseHandler() {

						@Override
						public void onCompleteResponse(ChatResponse response) {
							streamed.complete(response);
						}

						@Override
						public void onError(Throwable error) {
							streamed.completeExceptionally(error);
						}

					});
					assertThat(streamed.get(20, TimeUnit.SECONDS).aiMessage().text()).isEqualTo("logged answer");
				});
		}
		finally {
			logger.detachAppender(appender);
			logger.setLevel(level);
		}
		List<String> logged;
		synchronized (appender) {
			logged = appender.list.stream()
				.map(ILoggingEvent::getFormattedMessage)
				.filter((message) -> message.startsWith("Request to endpoint l4j-logged:")
						|| message.startsWith("Answer from endpoint l4j-logged ("))
				.toList();
		}
		assertThat(logged).as("the chat model's call only: the streaming model's properties are off")
			.hasSize(2)
			.noneMatch((message) -> message.contains("quiet prompt"));
		assertThat(logged.get(0)).contains("\"content\":\"logged prompt\"");
		assertThat(logged.get(1)).endsWith(": logged answer");
	}

	@Test
	void aCustomParameterThatWouldReplaceTheMessagesFailsAtStartupNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("langchain4j.sagemaker.streaming-chat-model.custom-parameters.messages=[]")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Failed to bind properties under 'langchain4j.sagemaker.streaming-chat-model'")
				.hasStackTraceContaining("custom-parameters")
				.hasStackTraceContaining("'messages' would replace"));
	}

	@Test
	void anInferenceComponentNameTheApiRefusesFailsAtStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("langchain4j.sagemaker.chat-model.inference-component-name=-ic")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Failed to bind properties under 'langchain4j.sagemaker.chat-model'")
				.hasStackTraceContaining("inference-component-name")
				.hasStackTraceContaining("Invalid inferenceComponentName '-ic'"));
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

	private static JsonNode body(RecordedInvocation invocation) {
		return JsonMapper.builder().build().readTree(invocation.bodyAsString());
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnSageMakerModels {

		@Bean
		SageMakerChatModel ownSageMakerChatModel(StreamingInferenceTemplate template) {
			return SageMakerChatModel.builder().template(template).build();
		}

		@Bean
		SageMakerStreamingChatModel ownSageMakerStreamingChatModel(StreamingInferenceTemplate template) {
			return SageMakerStreamingChatModel.builder().template(template).build();
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
