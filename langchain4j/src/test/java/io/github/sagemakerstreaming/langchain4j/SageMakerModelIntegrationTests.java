package io.github.sagemakerstreaming.langchain4j;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.TokenStream;
import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.EmulatedEndpoint;
import io.github.sagemakerstreaming.emulator.HttpFault;
import io.github.sagemakerstreaming.emulator.RecordedInvocation;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import io.github.sagemakerstreaming.emulator.ToolCallScript;
import io.github.sagemakerstreaming.runtime.StreamingInferenceException;
import io.github.sagemakerstreaming.runtime.StreamingInferenceTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClientBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * LangChain4j's real {@code AiServices} over the SageMaker chat models, through the real
 * AWS SDK against the emulator, with no Spring.
 */
class SageMakerModelIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final AtomicInteger endpoints = new AtomicInteger();

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	private static SageMakerRuntimeAsyncClient client;

	@BeforeAll
	static void createClient() {
		client = emulatorClient().build();
	}

	private static SageMakerRuntimeAsyncClientBuilder emulatorClient() {
		return SageMakerRuntimeAsyncClient.builder()
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
			.endpointOverride(sagemaker.emulator().endpointOverride());
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	interface Assistant {

		String ask(String question);

	}

	interface StreamingAssistant {

		TokenStream ask(String question);

	}

	@Test
	void aBlockingAnswerThroughAiServices() {
		String name = endpoint(Dialect.VLLM_CHAT).tokens("Hello", ",", " world").name();
		Assistant assistant = AiServices.create(Assistant.class, chatModel(name));
		assertThat(assistant.ask("Hi")).isEqualTo("Hello, world");
		assertThat(body(name, 0).path("messages").get(0).toString())
			.isEqualTo("{\"role\":\"user\",\"content\":\"Hi\"}");
	}

	@Test
	void aStreamedAnswerThroughATokenStreamWithTheUsage() throws Exception {
		String name = endpoint(Dialect.TGI_MESSAGES).tokens("a", "b", "c").finishReason("length").name();
		StreamingAssistant assistant = AiServices.create(StreamingAssistant.class, streamingModel(name));
		List<String> tokens = new CopyOnWriteArrayList<>();
		CompletableFuture<ChatResponse> done = new CompletableFuture<>();
		assistant.ask("one two")
			.onPartialResponse(tokens::add)
			.onCompleteResponse(done::complete)
			.onError(done::completeExceptionally)
			.start();
		ChatResponse response = done.get(20, TimeUnit.SECONDS);
		assertThat(tokens).containsExactly("a", "b", "c");
		assertThat(response.aiMessage().text()).isEqualTo("abc");
		assertThat(response.finishReason()).isEqualTo(FinishReason.LENGTH);
		assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(2);
		assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(3);
		assertThat(response.id()).isNotBlank();
	}

	@Test
	void aToolRoundTripWhenBlockingWithChatMemory() {
		String name = endpoint(Dialect.LMI_VLLM).agent().name();
		CityClock clock = new CityClock();
		Assistant assistant = AiServices.builder(Assistant.class)
			.chatModel(chatModel(name))
			.tools(clock)
			.chatMemory(MessageWindowChatMemory.withMaxMessages(10))
			.build();
		assertThat(assistant.ask("Oslo")).isEqualTo("The tool answered: 10:42 in Oslo");
		assertThat(clock.asked).containsExactly("Oslo");
		assertThat(body(name, 1).path("messages")
			.get(1)
			.path("tool_calls")
			.get(0)
			.path("function")
			.path("name")
			.asString()).isEqualTo("localTime");
		assertThat(
				body(name, 0).path("tools").get(0).path("function").path("parameters").path("properties").has("city"))
			.isTrue();
	}

	@Test
	void aToolRoundTripWhenStreamed() throws Exception {
		String name = endpoint(Dialect.VLLM_CHAT).agent().partSize(6).name();
		CityClock clock = new CityClock();
		assertThat(streamedRoundTrip(streamingModel(name), clock)).isEqualTo("The tool answered: 10:42 in Lima");
		assertThat(clock.asked).containsExactly("Lima");
	}

	@Test
	void aToolRoundTripStreamsOnTheDirectTransport() throws Exception {
		String name = endpoint(Dialect.VLLM_CHAT).agent().partSize(6).name();
		CityClock clock = new CityClock();
		try (SdkAsyncHttpClient http = NettyNioAsyncHttpClient.create();
				SageMakerRuntimeAsyncClient direct = emulatorClient().httpClient(http).build()) {
			SageMakerStreamingChatModel model = SageMakerStreamingChatModel.builder()
				.template(StreamingInferenceTemplate.builder(direct).directTransport(http).build())
				.defaultRequestParameters(SageMakerChatRequestParameters.builder().endpointName(name).build())
				.build();
			assertThat(streamedRoundTrip(model, clock)).isEqualTo("The tool answered: 10:42 in Lima");
		}
		assertThat(clock.asked).containsExactly("Lima");
		assertThat(sagemaker.emulator().invocations(name)).hasSize(2)
			.allSatisfy((invocation) -> assertThat(invocation.headers().get("user-agent")).contains("/direct"));
	}

	/**
	 * Asks about Lima through a streaming assistant with the clock as its tool, and
	 * returns the final answer.
	 */
	private static String streamedRoundTrip(SageMakerStreamingChatModel model, CityClock clock) throws Exception {
		StreamingAssistant assistant = AiServices.builder(StreamingAssistant.class)
			.streamingChatModel(model)
			.tools(clock)
			.chatMemory(MessageWindowChatMemory.withMaxMessages(10))
			.build();
		CompletableFuture<ChatResponse> done = new CompletableFuture<>();
		assistant.ask("Lima").onPartialResponse((token) -> {
		}).onCompleteResponse(done::complete).onError(done::completeExceptionally).start();
		return done.get(20, TimeUnit.SECONDS).aiMessage().text();
	}

	@Test
	void toolCallsArriveInPiecesThenWholeThenInTheResponse() throws Exception {
		String name = endpoint(Dialect.TGI_MESSAGES).tokens()
			.toolCalls(new ToolCallScript("weather", "{\"city\": \"Paris\"}"), new ToolCallScript("time", "{}"))
			.name();
		List<PartialToolCall> partials = new CopyOnWriteArrayList<>();
		List<CompleteToolCall> completes = new CopyOnWriteArrayList<>();
		CompletableFuture<ChatResponse> done = new CompletableFuture<>();
		ChatRequest request = ChatRequest.builder()
			.messages(UserMessage.from("weather?"))
			.toolSpecifications(ToolSpecification.builder()
				.name("weather")
				.parameters(JsonObjectSchema.builder().addStringProperty("city").build())
				.build(), ToolSpecification.builder().name("time").build())
			.build();
		streamingModel(name).chat(request, new StreamingChatResponseHandler() {

			@Override
			public void onPartialToolCall(PartialToolCall partialToolCall) {
				partials.add(partialToolCall);
			}

			@Override
			public void onCompleteToolCall(CompleteToolCall completeToolCall) {
				completes.add(completeToolCall);
			}

			@Override
			public void onCompleteResponse(ChatResponse response) {
				done.complete(response);
			}

			@Override
			public void onError(Throwable error) {
				done.completeExceptionally(error);
			}

		});
		ChatResponse response = done.get(20, TimeUnit.SECONDS);
		assertThat(partials).allSatisfy((partial) -> assertThat(partial.name()).isIn("weather", "time"));
		assertThat(String.join("",
				partials.stream().filter((p) -> p.index() == 0).map(PartialToolCall::partialArguments).toList()))
			.isEqualTo("{\"city\": \"Paris\"}");
		assertThat(completes).extracting((call) -> call.toolExecutionRequest().name())
			.containsExactly("weather", "time");
		assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
		assertThat(response.aiMessage().toolExecutionRequests()).extracting((call) -> call.arguments())
			.containsExactly("{\"city\": \"Paris\"}", "{}");
	}

	@Test
	void cancellingThroughTheStreamingHandleClosesTheConnection() {
		String name = endpoint(Dialect.VLLM_CHAT).tokens(IntStream.range(0, 200).mapToObj((i) -> " t" + i).toList())
			.tokenDelay(Duration.ofMillis(20))
			.name();
		StreamingAssistant assistant = AiServices.create(StreamingAssistant.class, streamingModel(name));
		List<String> tokens = new CopyOnWriteArrayList<>();
		assistant.ask("long").onPartialResponseWithContext((partial, context) -> {
			tokens.add(partial.text());
			if (tokens.size() == 3) {
				context.streamingHandle().cancel();
			}
		}).onCompleteResponse((response) -> tokens.add("<complete>")).onError((ex) -> tokens.add("<error>")).start();
		await().atMost(TIMEOUT).until(() -> sagemaker.emulator().invocations(name).size() == 1);
		assertThat(sagemaker.emulator().invocations(name).get(0).awaitConnectionClosed(TIMEOUT)).isTrue();
		assertThat(tokens).containsExactly(" t0", " t1", " t2");
	}

	@Test
	void anEndpointErrorReachesOnErrorTyped() throws Exception {
		String name = endpoint(Dialect.VLLM_CHAT).failBeforeStream(HttpFault.modelError("accept_eula is required"))
			.name();
		CompletableFuture<Throwable> failure = new CompletableFuture<>();
		AiServices.create(StreamingAssistant.class, streamingModel(name)).ask("hi").onPartialResponse((token) -> {
		}).onError(failure::complete).start();
		assertThat(failure.get(20, TimeUnit.SECONDS)).isInstanceOfSatisfying(StreamingInferenceException.class,
				(ex) -> assertThat(ex.errorCode()).isEqualTo("ModelError"));
		assertThatExceptionOfType(StreamingInferenceException.class)
			.isThrownBy(() -> AiServices.create(Assistant.class, chatModel(name)).ask("hi"))
			.withMessageContaining("accept_eula is required");
	}

	@Test
	void parametersOverrideTheEndpointAndListenersAreCalled() {
		String configured = endpoint(Dialect.VLLM_CHAT).name();
		String other = endpoint(Dialect.VLLM_CHAT).tokens("other").name();
		RecordingListener listener = new RecordingListener();
		SageMakerChatModel model = SageMakerChatModel.builder()
			.client(client)
			.defaultRequestParameters(SageMakerChatRequestParameters.builder().endpointName(configured).build())
			.listeners(List.of(listener))
			.build();
		ChatResponse response = model.chat(ChatRequest.builder()
			.messages(UserMessage.from("hi"))
			.parameters(SageMakerChatRequestParameters.builder()
				.endpointName(other)
				.inferenceComponentName("adapter-3")
				.maxOutputTokens(32)
				.temperature(0.5)
				.build())
			.build());
		assertThat(response.aiMessage().text()).isEqualTo("other");
		assertThat(sagemaker.emulator().invocations(configured)).isEmpty();
		RecordedInvocation invocation = sagemaker.emulator().invocations(other).get(0);
		assertThat(invocation.header("X-Amzn-SageMaker-Inference-Component")).isEqualTo("adapter-3");
		JsonNode body = JSON.readTree(invocation.bodyAsString());
		assertThat(body.path("max_tokens").asInt()).isEqualTo(32);
		assertThat(body.path("temperature").asDouble()).isEqualTo(0.5);
		assertThat(listener.events).containsExactly("request", "response");
	}

	@Test
	void reasoningIsTheResponsesThinking() {
		String name = endpoint(Dialect.VLLM_CHAT).reasoning("Hmm", ".").tokens("42").name();
		ChatResponse response = chatModel(name).chat(ChatRequest.builder().messages(UserMessage.from("?")).build());
		assertThat(response.aiMessage().text()).isEqualTo("42");
		assertThat(response.aiMessage().thinking()).isEqualTo("Hmm.");
	}

	private static SageMakerChatModel chatModel(String endpointName) {
		return SageMakerChatModel.builder()
			.client(client)
			.defaultRequestParameters(SageMakerChatRequestParameters.builder().endpointName(endpointName).build())
			.build();
	}

	private static SageMakerStreamingChatModel streamingModel(String endpointName) {
		return SageMakerStreamingChatModel.builder()
			.client(client)
			.defaultRequestParameters(SageMakerChatRequestParameters.builder().endpointName(endpointName).build())
			.build();
	}

	private static EmulatedEndpoint endpoint(Dialect dialect) {
		String name = dialect.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-l4j-" + endpoints.incrementAndGet();
		return sagemaker.emulator().register(name, dialect);
	}

	private static JsonNode body(String endpointName, int index) {
		return JSON.readTree(sagemaker.emulator().invocations(endpointName).get(index).bodyAsString());
	}

	/**
	 * A demonstration tool.
	 */
	static class CityClock {

		final List<String> asked = new CopyOnWriteArrayList<>();

		@Tool("The local time in a city")
		String localTime(@P("The city") String city) {
			this.asked.add(city);
			return "10:42 in " + city;
		}

	}

	static class RecordingListener implements ChatModelListener {

		final List<String> events = new CopyOnWriteArrayList<>();

		@Override
		public void onRequest(ChatModelRequestContext requestContext) {
			this.events.add("request");
		}

		@Override
		public void onResponse(ChatModelResponseContext responseContext) {
			this.events.add("response");
		}

		@Override
		public void onError(ChatModelErrorContext errorContext) {
			this.events.add("error");
		}

	}

}
