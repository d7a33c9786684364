package io.github.sagemakerstreaming.springai;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.github.sagemakerstreaming.autoconfigure.SageMakerRuntimeAutoConfiguration;
import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.EmulatedEndpoint;
import io.github.sagemakerstreaming.emulator.HttpFault;
import io.github.sagemakerstreaming.emulator.RecordedInvocation;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import io.github.sagemakerstreaming.runtime.StreamingInferenceException;
import io.github.sagemakerstreaming.runtime.StreamingInferenceTemplate;
import io.github.sagemakerstreaming.springai.autoconfigure.SageMakerChatModelAutoConfiguration;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.support.ToolCallbacks;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.ai.tool.function.FunctionToolCallback;
import reactor.core.Disposable;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Spring AI's real {@link ChatClient} over the auto-configured
 * {@link SageMakerChatModel}, through the real AWS SDK against the emulator.
 */
class SageMakerChatModelIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final AtomicInteger endpoints = new AtomicInteger();

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	/** The options of every request a chat model made, as its observations saw them. */
	private final List<ChatOptions> requestOptions = new CopyOnWriteArrayList<>();

	private final ObservationRegistry observations = observing(this.requestOptions);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SageMakerRuntimeAutoConfiguration.class,
				SageMakerChatModelAutoConfiguration.class))
		.withPropertyValues("sagemaker.runtime.region=us-east-1", "sagemaker.runtime.credentials.access-key=test",
				"sagemaker.runtime.credentials.secret-key=test",
				"sagemaker.runtime.endpoint-override=" + sagemaker.emulator().endpointOverride());

	@Test
	void callsAndStreamsAnswersWithTheSystemPromptOnTheWire() {
		String name = endpoint(Dialect.VLLM_CHAT).tokens("Hello", ",", " world").name();
		run(name, (client) -> {
			assertThat(client.prompt().system("Be brief.").user("Hi").call().content()).isEqualTo("Hello, world");
			assertThat(client.prompt().user("Hi").stream().content().collectList().block(TIMEOUT))
				.containsExactly("Hello", ",", " world");
			JsonNode body = body(name, 0);
			assertThat(body.path("messages").get(0).toString())
				.isEqualTo("{\"role\":\"system\",\"content\":\"Be brief.\"}");
			assertThat(body.path("messages").get(1).toString()).isEqualTo("{\"role\":\"user\",\"content\":\"Hi\"}");
			assertThat(body.has("model")).as("no model name the container could reject").isFalse();
		});
	}

	@Test
	void theUsageAndTheFinishReasonAreInTheResponseMetadata() {
		String name = endpoint(Dialect.TGI_MESSAGES).tokens("a", "b", "c").finishReason("length").name();
		run(name, (client) -> {
			ChatResponse response = client.prompt().user("one two").call().chatResponse();
			assertThat(response.getMetadata().getUsage().getPromptTokens()).isEqualTo(2);
			assertThat(response.getMetadata().getUsage().getCompletionTokens()).isEqualTo(3);
			assertThat(response.getMetadata().getUsage().getTotalTokens()).isEqualTo(5);
			assertThat(response.getResult().getMetadata().getFinishReason()).isEqualTo("length");
			assertThat(response.getMetadata().getId()).isNotBlank();
			List<ChatResponse> streamed = client.prompt()
				.user("one two")
				.stream()
				.chatResponse()
				.collectList()
				.block(TIMEOUT);
			assertThat(streamed.get(streamed.size() - 1).getMetadata().getUsage().getCompletionTokens()).isEqualTo(3);
		});
	}

	@Test
	void aConversationKeptInChatMemoryGoesBackWithEveryTurn() {
		String name = endpoint(Dialect.VLLM_CHAT).answer((question) -> List.of("Re: ", question)).name();
		run(name, (client) -> {
			ChatClient remembering = client.mutate()
				.defaultAdvisors(MessageChatMemoryAdvisor.builder(MessageWindowChatMemory.builder().build()).build())
				.build();
			assertThat(remembering.prompt()
				.user("My name is Ada.")
				.advisors((advisor) -> advisor.param(ChatMemory.CONVERSATION_ID, "ada"))
				.call()
				.content()).isEqualTo("Re: My name is Ada.");
			assertThat(remembering.prompt()
				.user("Who am I?")
				.advisors((advisor) -> advisor.param(ChatMemory.CONVERSATION_ID, "ada"))
				.stream()
				.content()
				.collectList()
				.block(TIMEOUT)).containsExactly("Re: ", "Who am I?");
			assertThat(body(name, 1).path("messages").toString())
				.isEqualTo("[{\"role\":\"user\",\"content\":\"My name is Ada.\"},"
						+ "{\"role\":\"assistant\",\"content\":\"Re: My name is Ada.\"},{\"role\":\"user\",\"content\":\"Who am I?\"}]");
		});
	}

	@Test
	void aToolRoundTripCompletesWhenCalled() {
		String name = endpoint(Dialect.VLLM_CHAT).agent().name();
		CityClock clock = new CityClock();
		run(name, (client) -> {
			assertThat(client.prompt().user("Oslo").tools(clock).call().content())
				.isEqualTo("The tool answered: \"10:42 in Oslo\"");
			assertThat(clock.asked).containsExactly("Oslo");
			JsonNode second = body(name, 1);
			assertThat(
					second.path("messages").get(1).path("tool_calls").get(0).path("function").path("name").asString())
				.isEqualTo("localTime");
			assertThat(second.path("messages").get(2).path("role").asString()).isEqualTo("tool");
			assertThat(body(name, 0).path("tools")
				.get(0)
				.path("function")
				.path("parameters")
				.path("properties")
				.has("city")).isTrue();
		});
	}

	@Test
	void aToolRoundTripCompletesWhenStreamed() {
		String name = endpoint(Dialect.TGI_MESSAGES).agent().partSize(5).name();
		CityClock clock = new CityClock();
		run(name, (client) -> {
			String answer = String.join("",
					client.prompt().user("Lima").tools(clock).stream().content().collectList().block(TIMEOUT));
			assertThat(answer).isEqualTo("The tool answered: \"10:42 in Lima\"");
			assertThat(clock.asked).containsExactly("Lima");
			assertThat(sagemaker.emulator().invocations(name)).hasSize(2);
		});
	}

	@Test
	void aToolRoundTripStreamsOnTheDirectTransport() {
		String name = endpoint(Dialect.VLLM_CHAT).agent().partSize(5).name();
		CityClock clock = new CityClock();
		run(this.contextRunner.withPropertyValues("sagemaker.runtime.transport=direct"), name, (client) -> {
			String answer = String.join("",
					client.prompt().user("Lima").tools(clock).stream().content().collectList().block(TIMEOUT));
			assertThat(answer).isEqualTo("The tool answered: \"10:42 in Lima\"");
		});
		assertThat(clock.asked).containsExactly("Lima");
		assertThat(sagemaker.emulator().invocations(name)).hasSize(2)
			.allSatisfy((invocation) -> assertThat(invocation.headers().get("user-agent")).contains("/direct"));
	}

	@Test
	void optionsOverrideTheEndpointAndSendTheGenerationParameters() {
		String configured = endpoint(Dialect.VLLM_CHAT).name();
		String other = endpoint(Dialect.LMI_VLLM).tokens("other").name();
		run(configured, (client) -> {
			String answer = client.prompt()
				.user("hi")
				.options(SageMakerChatOptions.builder()
					.endpointName(other)
					.inferenceComponentName("adapter-7")
					.customAttributes("accept_eula=true")
					.maxTokens(64)
					.temperature(0.25)
					.stopSequences(List.of("</s>")))
				.call()
				.content();
			assertThat(answer).isEqualTo("other");
			assertThat(sagemaker.emulator().invocations(configured)).isEmpty();
			RecordedInvocation invocation = sagemaker.emulator().invocations(other).get(0);
			assertThat(invocation.header("X-Amzn-SageMaker-Inference-Component")).isEqualTo("adapter-7");
			assertThat(invocation.header("X-Amzn-SageMaker-Custom-Attributes")).isEqualTo("accept_eula=true");
			JsonNode body = JSON.readTree(invocation.bodyAsString());
			assertThat(body.path("max_tokens").asInt()).isEqualTo(64);
			assertThat(body.path("temperature").asDouble()).isEqualTo(0.25);
			assertThat(body.path("stop").get(0).asString()).isEqualTo("</s>");
		});
	}

	@Test
	void aPromptWithSageMakerOptionsOverridesTheModelsDefaultsFieldByField() {
		String template = endpoint(Dialect.VLLM_CHAT).name();
		String modelDefault = endpoint(Dialect.VLLM_CHAT).tokens("default").name();
		runModel(template, (model) -> {
			String answer = model
				.call(new Prompt("hi",
						SageMakerChatOptions.builder()
							.temperature(0.25)
							.toolCallbacks(tool("lookUp"))
							.toolContext(Map.of("region", "us-east-1"))
							.build()))
				.getResult()
				.getOutput()
				.getText();
			assertThat(answer).isEqualTo("default");
			assertThat(sagemaker.emulator().invocations(template)).isEmpty();
			JsonNode body = body(modelDefault, 0);
			assertThat(body.path("max_tokens").asInt()).isEqualTo(32);
			assertThat(body.path("temperature").asDouble()).isEqualTo(0.25);
			assertThat(toolNames(body)).containsExactly("localTime", "lookUp");
			assertThat(this.requestOptions).singleElement()
				.isInstanceOfSatisfying(SageMakerChatOptions.class, (options) -> assertThat(options.getToolContext())
					.containsExactlyInAnyOrderEntriesOf(Map.of("tenant", "acme", "region", "us-east-1")));
		}, modelDefault);
	}

	@Test
	void aPromptWithGenericOptionsOverridesTheModelsDefaultsFieldByField() {
		String template = endpoint(Dialect.VLLM_CHAT).name();
		String modelDefault = endpoint(Dialect.VLLM_CHAT).name();
		runModel(template, (model) -> {
			model.stream(new Prompt("hi", ChatOptions.builder().maxTokens(8).build())).collectList().block(TIMEOUT);
			JsonNode body = body(modelDefault, 0);
			assertThat(body.path("max_tokens").asInt()).isEqualTo(8);
			assertThat(toolNames(body)).containsExactly("localTime");
		}, modelDefault);
	}

	@Test
	void aPromptWithoutOptionsTakesTheModelsDefaults() {
		String template = endpoint(Dialect.VLLM_CHAT).name();
		String modelDefault = endpoint(Dialect.VLLM_CHAT).name();
		runModel(template, (model) -> {
			model.call(new Prompt("hi"));
			JsonNode body = body(modelDefault, 0);
			assertThat(body.path("max_tokens").asInt()).isEqualTo(32);
			assertThat(toolNames(body)).containsExactly("localTime");
		}, modelDefault);
	}

	@Test
	void theChatClientsOptionsAndToolsComeOnTopOfTheModelsDefaultsOnce() {
		String template = endpoint(Dialect.VLLM_CHAT).name();
		String modelDefault = endpoint(Dialect.VLLM_CHAT).name();
		runModel(template, (model) -> {
			ChatClient client = ChatClient.create(model);
			client.prompt().user("hi").call().content();
			client.prompt()
				.user("hi")
				.options(SageMakerChatOptions.builder().temperature(0.5))
				.toolCallbacks(tool("lookUp"))
				.call()
				.content();
			assertThat(toolNames(body(modelDefault, 0))).containsExactly("localTime");
			JsonNode body = body(modelDefault, 1);
			assertThat(body.path("max_tokens").asInt()).isEqualTo(32);
			assertThat(body.path("temperature").asDouble()).isEqualTo(0.5);
			assertThat(toolNames(body)).containsExactly("localTime", "lookUp");
		}, modelDefault);
	}

	@Test
	void reasoningIsInTheAssistantMessagesMetadata() {
		String name = endpoint(Dialect.VLLM_CHAT).reasoning("Think", "ing").tokens("42").name();
		run(name, (client) -> {
			ChatResponse response = client.prompt().user("?").call().chatResponse();
			assertThat(response.getResult().getOutput().getText()).isEqualTo("42");
			assertThat(response.getResult().getOutput().getMetadata())
				.containsEntry(SageMakerChatModel.REASONING_CONTENT, "Thinking");
		});
	}

	@Test
	void anEndpointErrorSurfacesAsTheTemplatesTypedException() {
		String name = endpoint(Dialect.VLLM_CHAT).failBeforeStream(HttpFault.modelError("accept_eula is required"))
			.name();
		run(name, (client) -> {
			assertThatExceptionOfType(StreamingInferenceException.class)
				.isThrownBy(() -> client.prompt().user("hi").call().content())
				.satisfies((ex) -> assertThat(ex.errorCode()).isEqualTo("ModelError"))
				.withMessageContaining("accept_eula is required");
			StepVerifier.create(client.prompt().user("hi").stream().content())
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(StreamingInferenceException.class,
						(failure) -> assertThat(failure.errorCode()).isEqualTo("ModelError")))
				.verify(TIMEOUT);
		});
	}

	@Test
	void cancellingAStreamedAnswerClosesTheConnection() {
		String name = endpoint(Dialect.VLLM_CHAT).tokens(IntStream.range(0, 200).mapToObj((i) -> " t" + i).toList())
			.tokenDelay(Duration.ofMillis(20))
			.name();
		run(name, (client) -> {
			Disposable subscription = client.prompt().user("long").stream().content().subscribe();
			await().atMost(TIMEOUT)
				.until(() -> sagemaker.emulator().invocations(name).size() == 1
						&& sagemaker.emulator().invocations(name).get(0).bytesSent() > 0);
			subscription.dispose();
			assertThat(sagemaker.emulator().invocations(name).get(0).awaitConnectionClosed(TIMEOUT)).isTrue();
		});
	}

	private void run(String endpointName, ThrowingClientCheck check) {
		run(this.contextRunner, endpointName, check);
	}

	private static void run(ApplicationContextRunner contextRunner, String endpointName, ThrowingClientCheck check) {
		contextRunner.withPropertyValues("sagemaker.runtime.endpoint-name=" + endpointName).run((context) -> {
			assertThat(context).hasSingleBean(SageMakerChatModel.class);
			check.check(ChatClient.create(context.getBean(SageMakerChatModel.class)));
		});
	}

	/**
	 * Runs a check against a chat model whose default options name another endpoint than
	 * the template's, with a token limit and a tool.
	 */
	private void runModel(String templateEndpoint, ThrowingModelCheck check, String modelDefaultEndpoint) {
		this.contextRunner.withPropertyValues("sagemaker.runtime.endpoint-name=" + templateEndpoint)
			.run((context) -> check.check(SageMakerChatModel.builder()
				.template(context.getBean(StreamingInferenceTemplate.class))
				.defaultOptions(SageMakerChatOptions.builder()
					.endpointName(modelDefaultEndpoint)
					.maxTokens(32)
					.toolCallbacks(ToolCallbacks.from(new CityClock()))
					.toolContext(Map.of("tenant", "acme", "region", "eu-west-1"))
					.build())
				.observationRegistry(this.observations)
				.build()));
	}

	private static ObservationRegistry observing(List<ChatOptions> requestOptions) {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<ChatModelObservationContext>() {

			@Override
			public void onStart(ChatModelObservationContext context) {
				requestOptions.add(Objects.requireNonNull(context.getRequest().getOptions()));
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return context instanceof ChatModelObservationContext;
			}

		});
		return registry;
	}

	private static ToolCallback tool(String name) {
		return FunctionToolCallback.builder(name, (String question) -> "answer")
			.description("Looks something up")
			.inputType(String.class)
			.build();
	}

	private static List<String> toolNames(JsonNode body) {
		return body.path("tools").valueStream().map((tool) -> tool.path("function").path("name").asString()).toList();
	}

	private static EmulatedEndpoint endpoint(Dialect dialect) {
		String name = dialect.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-ai-" + endpoints.incrementAndGet();
		return sagemaker.emulator().register(name, dialect);
	}

	private static JsonNode body(String endpointName, int index) {
		return JSON.readTree(sagemaker.emulator().invocations(endpointName).get(index).bodyAsString());
	}

	@FunctionalInterface
	private interface ThrowingClientCheck {

		void check(ChatClient client) throws Exception;

	}

	@FunctionalInterface
	private interface ThrowingModelCheck {

		void check(SageMakerChatModel model) throws Exception;

	}

	/**
	 * A demonstration tool.
	 */
	static class CityClock {

		final List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();

		@Tool(description = "The local time in a city")
		String localTime(@ToolParam(description = "The city") String city) {
			this.asked.add(city);
			return "10:42 in " + city;
		}

	}

}
