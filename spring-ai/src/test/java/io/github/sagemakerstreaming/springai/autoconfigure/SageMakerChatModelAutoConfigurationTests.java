package io.github.sagemakerstreaming.springai.autoconfigure;

import java.time.Duration;
import java.util.Map;

import io.github.sagemakerstreaming.autoconfigure.SageMakerRuntimeAutoConfiguration;
import io.github.sagemakerstreaming.autoconfigure.SageMakerRuntimeObservationAutoConfiguration;
import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.RecordedInvocation;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import io.github.sagemakerstreaming.runtime.StreamingInferenceTemplate;
import io.github.sagemakerstreaming.runtime.metrics.MeterNames;
import io.github.sagemakerstreaming.springai.SageMakerChatModel;
import io.github.sagemakerstreaming.springai.SageMakerChatOptions;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When the SageMaker chat model is auto-configured, and how it is observed.
 */
class SageMakerChatModelAutoConfigurationTests {

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SageMakerRuntimeAutoConfiguration.class,
				SageMakerChatModelAutoConfiguration.class))
		.withPropertyValues("sagemaker.runtime.region=us-east-1", "sagemaker.runtime.credentials.access-key=test",
				"sagemaker.runtime.credentials.secret-key=test");

	@Test
	void theTemplateBecomesASpringAiChatModel() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(SageMakerChatModel.class)
			.getBean(ChatModel.class)
			.isSameAs(context.getBean(SageMakerChatModel.class)));
	}

	@Test
	void backsOffWhenSpringAiModelChatNamesAnotherProvider() {
		this.contextRunner.withPropertyValues("spring.ai.model.chat=openai")
			.run((context) -> assertThat(context).doesNotHaveBean(SageMakerChatModel.class));
	}

	@Test
	void isOnWhenSpringAiModelChatNamesSageMaker() {
		this.contextRunner.withPropertyValues("spring.ai.model.chat=sagemaker")
			.run((context) -> assertThat(context).hasSingleBean(SageMakerChatModel.class));
	}

	@Test
	void backsOffToTheApplicationsChatModel() {
		this.contextRunner.withUserConfiguration(OwnChatModel.class)
			.run((context) -> assertThat(context).hasSingleBean(SageMakerChatModel.class).hasBean("ownChatModel"));
	}

	@Test
	void sitsBesideAnotherProvidersChatModel() {
		this.contextRunner.withUserConfiguration(AnotherProvidersChatModel.class)
			.run((context) -> assertThat(context).hasSingleBean(SageMakerChatModel.class)
				.hasBean("anotherProvidersChatModel"));
	}

	@Test
	void thePropertiesReachTheWireOverTheTemplatesDefaults() {
		sagemaker.emulator().register("spring-ai-properties", Dialect.VLLM_CHAT).tokens("ok");
		this.contextRunner
			.withPropertyValues("sagemaker.runtime.endpoint-override=" + sagemaker.emulator().endpointOverride(),
					"sagemaker.runtime.endpoint-name=not-this-one", "sagemaker.runtime.format=tgi",
					"sagemaker.runtime.inference-component-name=ic-template",
					"sagemaker.runtime.parameters.temperature=0.9", "sagemaker.runtime.parameters.max_tokens=8",
					"sagemaker.runtime.parameters.top_k=5",
					"spring.ai.sagemaker.chat.endpoint-name=spring-ai-properties",
					"spring.ai.sagemaker.chat.inference-component-name=ic-properties",
					"spring.ai.sagemaker.chat.format=openai-chat", "spring.ai.sagemaker.chat.temperature=0.2",
					"spring.ai.sagemaker.chat.max-tokens=64", "spring.ai.sagemaker.chat.top-p=0.5",
					"spring.ai.sagemaker.chat.stop-sequences=END,STOP",
					"spring.ai.sagemaker.chat.extra-body.[repetition_penalty]=1.1",
					"spring.ai.sagemaker.chat.extra-body.[guided_choice]=[\"ok\",\"no\"]",
					"spring.ai.sagemaker.chat.extra-body.user=ada")
			.run((context) -> {
				ChatClient.create(context.getBean(SageMakerChatModel.class)).prompt().user("hi").call().content();
				RecordedInvocation invocation = sagemaker.emulator().invocations("spring-ai-properties").get(0);
				JsonNode body = JsonMapper.builder().build().readTree(invocation.bodyAsString());
				assertThat(body.path("messages").get(0).path("content").asString()).isEqualTo("hi");
				assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
				assertThat(body.path("max_tokens").asInt()).isEqualTo(64);
				assertThat(body.path("top_p").asDouble()).isEqualTo(0.5);
				assertThat(body.path("stop").toString()).isEqualTo("[\"END\",\"STOP\"]");
				assertThat(body.path("top_k").asInt()).as("a template default no property replaces").isEqualTo(5);
				assertThat(invocation.header("X-Amzn-SageMaker-Inference-Component")).isEqualTo("ic-properties");
				assertThat(body.path("repetition_penalty").isDouble()).as("a JSON value is sent as JSON").isTrue();
				assertThat(body.path("repetition_penalty").asDouble()).isEqualTo(1.1);
				assertThat(body.path("guided_choice").toString()).isEqualTo("[\"ok\",\"no\"]");
				assertThat(body.path("user").isString()).as("text that is not JSON is sent as text").isTrue();
				assertThat(body.path("user").asString()).isEqualTo("ada");
			});
	}

	@Test
	void aPromptsOptionsWinOverTheProperties() {
		sagemaker.emulator().register("spring-ai-prompt-wins", Dialect.VLLM_CHAT).tokens("ok");
		this.contextRunner
			.withPropertyValues("sagemaker.runtime.endpoint-override=" + sagemaker.emulator().endpointOverride(),
					"spring.ai.sagemaker.chat.endpoint-name=spring-ai-prompt-wins",
					"spring.ai.sagemaker.chat.temperature=0.2", "spring.ai.sagemaker.chat.max-tokens=64",
					"spring.ai.sagemaker.chat.extra-body.[repetition_penalty]=1.1",
					"spring.ai.sagemaker.chat.extra-body.user=ada")
			.run((context) -> {
				ChatResponse response = context.getBean(SageMakerChatModel.class)
					.call(new Prompt("hi",
							SageMakerChatOptions.builder()
								.temperature(0.7)
								.extraBody(Map.of("repetition_penalty", 1.3))
								.build()));
				assertThat(response.getResult().getOutput().getText()).isEqualTo("ok");
				JsonNode body = JsonMapper.builder()
					.build()
					.readTree(sagemaker.emulator().invocations("spring-ai-prompt-wins").get(0).bodyAsString());
				assertThat(body.path("temperature").asDouble()).isEqualTo(0.7);
				assertThat(body.path("max_tokens").asInt()).isEqualTo(64);
				assertThat(body.path("repetition_penalty").asDouble()).as("the prompt's extra body field wins")
					.isEqualTo(1.3);
				assertThat(body.path("user").asString()).as("and the properties' others stay").isEqualTo("ada");
			});
	}

	@Test
	void anEndpointNameTheApiRefusesFailsAtStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("spring.ai.sagemaker.chat.endpoint-name=not a name")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Failed to bind properties under 'spring.ai.sagemaker.chat'")
				.hasStackTraceContaining("Unable to set value for property endpoint-name")
				.hasStackTraceContaining("Invalid endpointName 'not a name'"));
	}

	@Test
	void anExtraBodyFieldThatWouldReplaceTheStreamFailsAtStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("spring.ai.sagemaker.chat.extra-body.stream=false")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Failed to bind properties under 'spring.ai.sagemaker.chat'")
				.hasStackTraceContaining("extra-body")
				.hasStackTraceContaining("'stream' would replace"));
	}

	@Test
	void needsTheTemplate() {
		this.contextRunner.withPropertyValues("sagemaker.runtime.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SageMakerChatModel.class));
	}

	@Test
	void needsSpringAi() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ChatModel.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SageMakerChatModel.class));
	}

	@Test
	void aCallIsOneSpringAiChatObservationWithTheTemplatesStreamNestedAndItsTimeToFirstToken() {
		sagemaker.emulator().register("observed-chat", Dialect.VLLM_CHAT).tokens("a", "b");
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
					SageMakerRuntimeObservationAutoConfiguration.class))
			.withPropertyValues("sagemaker.runtime.endpoint-override=" + sagemaker.emulator().endpointOverride(),
					"sagemaker.runtime.endpoint-name=observed-chat")
			.run((context) -> {
				ChatClient client = ChatClient.create(context.getBean(SageMakerChatModel.class));
				client.prompt().user("hi").call().content();
				client.prompt().user("hi").stream().content().blockLast(Duration.ofSeconds(20));
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(meters.find(MeterNames.OPERATION_DURATION).timer()).isNotNull()
						.satisfies((timer) -> assertThat(timer.count()).isEqualTo(2)));
				assertThat(meters.find(MeterNames.CLIENT_OPERATION).timers())
					.as("only Spring AI's chat observation is gen_ai.client.operation")
					.singleElement()
					.satisfies((timer) -> {
						assertThat(timer.getId().getTags())
							.anySatisfy((tag) -> assertThat(tag.getValue()).isEqualTo(MeterNames.PROVIDER));
						assertThat(timer.count()).isEqualTo(2);
					});
				assertThat(meters.find(MeterNames.TIME_TO_FIRST_CHUNK).timer().count()).isEqualTo(2);
				assertThat(meters.find(MeterNames.TOKEN_USAGE).meters())
					.as("the token usage is the chat observation's to record")
					.extracting(Meter::getId)
					.isEmpty();
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class AnotherProvidersChatModel {

		@Bean
		ChatModel anotherProvidersChatModel() {
			return (prompt) -> {
				throw new UnsupportedOperationException("a stand-in");
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnChatModel {

		@Bean
		SageMakerChatModel ownChatModel(StreamingInferenceTemplate template) {
			return SageMakerChatModel.builder().template(template).build();
		}

	}

}
