package io.github.sagemakerstreaming.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.EmulatedEndpoint;
import io.github.sagemakerstreaming.emulator.RecordedInvocation;
import io.github.sagemakerstreaming.emulator.SageMakerEmulator;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import io.github.sagemakerstreaming.emulator.ToolCallScript;
import io.github.sagemakerstreaming.runtime.EmulatorClients.EmulatorClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.test.StepVerifier;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The whole of a chat exchange through the real SDK against the emulator: conversations
 * and tools on the wire, tool calls, usage and reasoning in every dialect that streams
 * them, cut at every size.
 */
@ParameterizedClass
@org.junit.jupiter.params.provider.EnumSource(Transport.class)
class StreamingInferenceTemplateChatIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final ToolDefinition WEATHER = ToolDefinition.of("weather", "The weather in a city",
			"{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	private static EmulatorClient client;

	@Parameter
	Transport transport;

	@BeforeAll
	static void createClient() {
		client = EmulatorClients.shared(sagemaker.emulator(), NettyNioAsyncHttpClient.builder());
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	static Stream<Arguments> toolCallDialectsAndCuts() {
		Map<String, UnaryOperator<EmulatedEndpoint>> cuts = Map.of("a record a part", UnaryOperator.identity(),
				"one byte a part", (endpoint) -> endpoint.partSize(1), "seven bytes a part",
				(endpoint) -> endpoint.partSize(7), "all records in one part",
				(endpoint) -> endpoint.recordsPerPart(100));
		return Stream.of(Dialect.TGI_MESSAGES, Dialect.VLLM_CHAT, Dialect.LMI_VLLM)
			.flatMap((dialect) -> cuts.entrySet()
				.stream()
				.map((cut) -> Arguments.of(dialect, cut.getKey(), cut.getValue())));
	}

	@ParameterizedTest(name = "{0}, {1}")
	@MethodSource("toolCallDialectsAndCuts")
	void severalToolCallsArriveWholeInOrderOnTheLastChunkWithTheUsage(Dialect dialect, String cutName,
			UnaryOperator<EmulatedEndpoint> cut) {
		String name = register(dialect);
		cut.apply(emulator().endpoint(name)
			.tokens("Let me check.")
			.toolCalls(new ToolCallScript("weather", "{\"city\": \"Paris, \\\"FR\\\"\"}"),
					new ToolCallScript("time", "{}")));
		List<InferenceChunk> chunks = template(name).streamChunks(conversation()).collectList().block(TIMEOUT);
		InferenceChunk last = chunks.get(chunks.size() - 1);
		assertThat(last.last()).isTrue();
		assertThat(last.finishReason()).isEqualTo("tool_calls");
		assertThat(last.toolCalls()).extracting(ToolCall::name, ToolCall::arguments)
			.containsExactly(tuple("weather", "{\"city\": \"Paris, \\\"FR\\\"\"}"), tuple("time", "{}"));
		assertThat(last.toolCalls()).extracting(ToolCall::id)
			.doesNotHaveDuplicates()
			.allSatisfy((id) -> assertThat(id).isNotEmpty());
		assertThat(last.usage()).isNotNull();
		assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy((chunk) -> assertThat(chunk.toolCalls()).isEmpty());
		assertThat(template(name).stream(conversation()).collectList().block(TIMEOUT)).containsExactly("Let me check.");
	}

	@ParameterizedTest
	@EnumSource(value = Dialect.class, names = { "TGI_MESSAGES", "VLLM_CHAT", "LMI_VLLM", "VLLM_COMPLETIONS" })
	void usageIsAskedForAndReportedOnTheLastChunk(Dialect dialect) {
		String name = register(dialect);
		emulator().endpoint(name).tokens("a", "b", "c");
		InferenceRequest request = InferenceRequest.builder()
			.prompt("one two")
			.format((dialect == Dialect.VLLM_COMPLETIONS) ? InferenceFormat.OPENAI_COMPLETIONS
					: InferenceFormat.OPENAI_CHAT)
			.build();
		InferenceChunk last = template(name).streamChunks(request).blockLast(TIMEOUT);
		assertThat(last.usage()).isEqualTo(new TokenUsage(2, 3));
		assertThat(last.usage().totalTokens()).isEqualTo(5);
		assertThat(body(name).path("stream_options").path("include_usage").asBoolean()).isTrue();
	}

	@ParameterizedTest
	@EnumSource(value = Dialect.class, names = { "TGI_MESSAGES", "VLLM_CHAT", "LMI_VLLM" })
	void withoutIncludeUsageNothingIsAskedForAndNoUsageIsReported(Dialect dialect) {
		String name = register(dialect);
		emulator().endpoint(name).tokens("a", "b");
		StreamingInferenceTemplate template = this.transport.template(client)
			.endpointName(name)
			.includeUsage(false)
			.build();
		InferenceChunk last = template.streamChunks(InferenceRequest.builder().prompt("hi").build()).blockLast(TIMEOUT);
		assertThat(last.usage()).isNull();
		assertThat(body(name).has("stream_options")).isFalse();
	}

	@ParameterizedTest
	@EnumSource(value = Dialect.class, names = { "VLLM_CHAT", "LMI_VLLM" })
	void reasoningComesApartFromTheAnswerAndStreamGivesTheAnswerOnly(Dialect dialect) {
		String name = register(dialect);
		emulator().endpoint(name).reasoning("The user", " wants", " 42.").tokens("4", "2").partSize(5);
		List<InferenceChunk> chunks = template(name).streamChunks(conversation()).collectList().block(TIMEOUT);
		assertThat(chunks).extracting(InferenceChunk::reasoning).containsSubsequence("The user", " wants", " 42.");
		assertThat(String.join("", chunks.stream().map(InferenceChunk::text).toList())).isEqualTo("42");
		assertThat(template(name).stream(conversation()).collectList().block(TIMEOUT)).containsExactly("4", "2");
	}

	@Test
	void aModelThatThinksLongerThanTheTimeLimitsWhileStreamingItsReasoningDoesNotTimeOut() {
		String name = register(Dialect.VLLM_CHAT);
		emulator().endpoint(name)
			.reasoning(IntStream.range(0, 15).mapToObj((i) -> " step" + i).toArray(String[]::new))
			.tokens("done")
			.tokenDelay(Duration.ofMillis(100));
		InferenceRequest request = InferenceRequest.builder()
			.messages(List.of(ChatMessage.user("think")))
			.firstTokenTimeout(Duration.ofMillis(600))
			.idleTimeout(Duration.ofMillis(600))
			.build();
		StepVerifier.create(template(name).stream(request)).expectNext("done").expectComplete().verify(TIMEOUT);
	}

	@Test
	void aToolCallStreamedSlowlyCountsAsTheModelsActivity() {
		String name = register(Dialect.VLLM_CHAT);
		emulator().endpoint(name)
			.tokens()
			.toolCalls(new ToolCallScript("weather", "{\"city\": \"a long city name to cut\"}"))
			.firstTokenDelay(Duration.ofMillis(50))
			.tokenDelay(Duration.ofMillis(500));
		// The call spans more than the first-token limit; its first fragment, well within
		// it even on a busy machine that is still setting up connections.
		InferenceRequest request = InferenceRequest.builder()
			.messages(List.of(ChatMessage.user("weather?")))
			.tools(List.of(WEATHER))
			.firstTokenTimeout(Duration.ofMillis(1000))
			.build();
		StepVerifier.create(template(name).streamChunks(request).filter(InferenceChunk::last))
			.assertNext((last) -> assertThat(last.toolCalls()).hasSize(1))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void theConversationAndToolsGoOnTheWireInTheOpenAiChatShape() {
		String name = register(Dialect.VLLM_CHAT);
		template(name).stream(conversation()).blockLast(TIMEOUT);
		JsonNode body = body(name);
		assertThat(body.path("messages")).hasSize(5);
		assertThat(body.path("messages").get(0).toString())
			.isEqualTo("{\"role\":\"system\",\"content\":\"Be brief.\"}");
		assertThat(body.path("messages").get(2).toString()).isEqualTo("{\"role\":\"assistant\",\"content\":null,"
				+ "\"tool_calls\":[{\"id\":\"call-1\",\"type\":\"function\",\"function\":{\"name\":\"weather\","
				+ "\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\"}\"}}]}");
		assertThat(body.path("messages").get(3).toString())
			.isEqualTo("{\"role\":\"tool\",\"content\":\"-3 C\",\"tool_call_id\":\"call-1\"}");
		assertThat(body.path("tools").toString())
			.isEqualTo("[{\"type\":\"function\",\"function\":{\"name\":\"weather\","
					+ "\"description\":\"The weather in a city\",\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":"
					+ "{\"type\":\"string\"}},\"required\":[\"city\"]}}}]");
		assertThat(body.path("tool_choice").asString()).isEqualTo("auto");
		assertThat(body.path("stream").asBoolean()).isTrue();
	}

	@Test
	void aNamedToolChoiceIsAFunctionObject() {
		String name = register(Dialect.VLLM_CHAT);
		InferenceRequest request = InferenceRequest.builder()
			.messages(List.of(ChatMessage.user("weather?")))
			.tools(List.of(WEATHER))
			.toolChoice(ToolChoice.function("weather"))
			.build();
		template(name).stream(request).blockLast(TIMEOUT);
		assertThat(body(name).path("tool_choice").toString())
			.isEqualTo("{\"type\":\"function\",\"function\":{\"name\":\"weather\"}}");
	}

	@ParameterizedTest
	@EnumSource(value = InferenceFormat.class, names = "OPENAI_CHAT", mode = EnumSource.Mode.EXCLUDE)
	void otherFormatsRefuseMessagesAndToolsSayingWhichFormatToUse(InferenceFormat format) {
		String name = register(Dialect.TGI);
		InferenceRequest request = InferenceRequest.builder()
			.messages(List.of(ChatMessage.user("hi")))
			.format(format)
			.build();
		StepVerifier.create(template(name).stream(request))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidInferenceRequestException.class)
				.hasMessageContaining("openai-chat")
				.hasMessageContaining(format.name()))
			.verify(TIMEOUT);
		InferenceRequest withTools = InferenceRequest.builder()
			.prompt("hi")
			.tools(List.of(WEATHER))
			.format(format)
			.build();
		StepVerifier.create(template(name).stream(withTools))
			.expectError(InvalidInferenceRequestException.class)
			.verify(TIMEOUT);
		assertThat(emulator().invocations(name)).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(value = Dialect.class, names = { "TGI_MESSAGES", "VLLM_CHAT", "LMI_VLLM" })
	void anAgentRoundTripCallsTheToolThenAnswersWithItsResult(Dialect dialect) {
		String name = register(dialect);
		emulator().endpoint(name).agent();
		List<ChatMessage> conversation = List.of(ChatMessage.user("Oslo"));
		InferenceRequest ask = InferenceRequest.builder().messages(conversation).tools(List.of(WEATHER)).build();
		InferenceChunk call = template(name).streamChunks(ask).blockLast(TIMEOUT);
		assertThat(call.finishReason()).isEqualTo("tool_calls");
		ToolCall weather = call.toolCalls().get(0);
		assertThat(weather.name()).isEqualTo("weather");
		assertThat(JSON.readTree(weather.arguments()).path("city").asString()).isEqualTo("Oslo");
		InferenceRequest answer = InferenceRequest.builder()
			.messages(List.of(conversation.get(0), ChatMessage.assistant(null, List.of(weather)),
					ChatMessage.tool(weather.id(), "-3 C and snowing")))
			.tools(List.of(WEATHER))
			.build();
		assertThat(String.join("", template(name).stream(answer).collectList().block(TIMEOUT)))
			.isEqualTo("The tool answered: -3 C and snowing");
	}

	private static InferenceRequest conversation() {
		return InferenceRequest.builder()
			.messages(List.of(ChatMessage.system("Be brief."), ChatMessage.user("Weather in Oslo?"),
					ChatMessage.assistant(null, List.of(new ToolCall("call-1", "weather", "{\"city\":\"Oslo\"}"))),
					ChatMessage.tool("call-1", "-3 C"), ChatMessage.user("And now?")))
			.tools(List.of(WEATHER))
			.toolChoice(ToolChoice.AUTO)
			.build();
	}

	private static JsonNode body(String endpointName) {
		List<RecordedInvocation> invocations = emulator().invocations(endpointName);
		return JSON.readTree(invocations.get(invocations.size() - 1).bodyAsString());
	}

	private static String register(Dialect dialect) {
		return TestEndpoints.register(emulator(), dialect);
	}

	private static SageMakerEmulator emulator() {
		return sagemaker.emulator();
	}

	private StreamingInferenceTemplate template(String endpointName) {
		return this.transport.template(client).endpointName(endpointName).build();
	}

}
