package io.github.sagemakerstreaming.runtime;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.EmulatedEndpoint;
import io.github.sagemakerstreaming.emulator.RecordedInvocation;
import io.github.sagemakerstreaming.emulator.SageMakerEmulator;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import io.github.sagemakerstreaming.emulator.StreamFault;
import io.github.sagemakerstreaming.emulator.StreamOutcome;
import io.github.sagemakerstreaming.runtime.EmulatorClients.EmulatorClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The template through the real AWS SDK client and the real event-stream wire format,
 * against the emulator, on both transports.
 */
@ParameterizedClass
@EnumSource(Transport.class)
class StreamingInferenceTemplateIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final List<String> TOKENS = List.of("Hello", ",", " wörld", " 日本語", " 🚀", " \"quoted\"",
			" back\\slash", "\n", " <b>tag</b>", "  two spaces");

	/**
	 * Dialects the built-in decoder does not read: raw bytes, and formats it refuses with
	 * UnrecognizedFormat.
	 */
	private static final Set<Dialect> NOT_DECODED = EnumSet.of(Dialect.RAW, Dialect.LMI_3P_STREAM, Dialect.TRITON);

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	private static EmulatorClient client;

	@Parameter
	Transport transport;

	@AfterAll
	static void closeClient() {
		if (client != null) {
			client.close();
		}
	}

	static Stream<Arguments> dialectsAndCuts() {
		Map<String, UnaryOperator<EmulatedEndpoint>> cuts = Map.of("a record a part", UnaryOperator.identity(),
				"one byte a part", (endpoint) -> endpoint.partSize(1), "seven bytes a part",
				(endpoint) -> endpoint.partSize(7), "three records a part", (endpoint) -> endpoint.recordsPerPart(3),
				"pre-rendered in large writes", EmulatedEndpoint::preRendered);
		return Arrays.stream(Dialect.values())
			.filter((dialect) -> !NOT_DECODED.contains(dialect))
			.flatMap((dialect) -> cuts.entrySet()
				.stream()
				.map((cut) -> Arguments.of(dialect, cut.getKey(), cut.getValue())));
	}

	@ParameterizedTest(name = "{0}, {1}")
	@MethodSource("dialectsAndCuts")
	void streamsEveryDialectTokenForToken(Dialect dialect, String cutName, UnaryOperator<EmulatedEndpoint> cut) {
		String name = register(dialect);
		cut.apply(emulator().endpoint(name).tokens(TOKENS));
		StepVerifier.create(template(name).stream("hello")).expectNextSequence(TOKENS).expectComplete().verify(TIMEOUT);
	}

	@Test
	void aPreRenderedEndpointRendersAgainWhenItsAnswerChanges() {
		String name = register(Dialect.VLLM_CHAT);
		emulator().endpoint(name).tokens("one", "two").preRendered();
		StepVerifier.create(template(name).stream("hi")).expectNext("one", "two").expectComplete().verify(TIMEOUT);
		StepVerifier.create(template(name).stream("hi")).expectNext("one", "two").expectComplete().verify(TIMEOUT);
		emulator().endpoint(name).tokens("three");
		StepVerifier.create(template(name).stream("hi")).expectNext("three").expectComplete().verify(TIMEOUT);
		assertThat(emulator().invocations(name)).hasSize(3)
			.allSatisfy(
					(invocation) -> assertThat(invocation.awaitOutcome(TIMEOUT)).isEqualTo(StreamOutcome.COMPLETED));
	}

	@ParameterizedTest
	@EnumSource(value = Dialect.class, names = { "RAW", "LMI_3P_STREAM", "TRITON" }, mode = EnumSource.Mode.EXCLUDE)
	void endsWithOneLastChunkThatCarriesTheFinishReason(Dialect dialect) {
		String name = register(dialect);
		emulator().endpoint(name).tokens("a", "b").finishReason("length");
		List<InferenceChunk> chunks = template(name).streamChunks(prompt("hi")).collectList().block(TIMEOUT);
		assertThat(chunks).extracting(InferenceChunk::text).containsExactly("a", "b", "");
		assertThat(chunks).extracting(InferenceChunk::last).containsExactly(false, false, true);
		String expectedReason = switch (dialect) {
			case LMI_LEGACY -> null;
			default -> "length";
		};
		assertThat(chunks.get(2).finishReason()).isEqualTo(expectedReason);
	}

	@Test
	void rawFormatStreamsTheBytesAsText() {
		String name = register(Dialect.RAW);
		emulator().endpoint(name).tokens("Grüße", " aus", " 東京").partSize(3);
		InferenceRequest request = InferenceRequest.builder().prompt("hi").format(InferenceFormat.RAW).build();
		String text = String.join("", template(name).stream(request).collectList().block(TIMEOUT));
		assertThat(text).isEqualTo("Grüße aus 東京");
		assertThat(emulator().invocations(name).get(0).bodyAsString()).isEqualTo("hi");
		assertThat(emulator().invocations(name).get(0).header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
	}

	@Test
	void everyRequestParameterReachesTheWire() {
		String name = register(Dialect.VLLM_CHAT);
		InferenceSession session = template(name)
			.openSession(InferenceRequest.builder().body("{\"requestType\":\"NEW_SESSION\"}").build())
			.block(TIMEOUT);
		InferenceRequest request = InferenceRequest.builder()
			.endpointName(name)
			.body("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true}")
			.contentType("application/json; charset=utf-8")
			.accept("text/event-stream")
			.customAttributes("accept_eula=true")
			.targetVariant("variant-b")
			.targetContainerHostname("container-1")
			.inferenceId("inference-42")
			.inferenceComponentName("ic-llama")
			.sessionId(session.id())
			.build();
		template(null).stream(request).blockLast(TIMEOUT);
		RecordedInvocation invocation = emulator().invocations(name).get(1);
		assertThat(invocation.path()).isEqualTo("/endpoints/" + name + "/invocations-response-stream");
		assertThat(invocation.bodyAsString())
			.isEqualTo("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true}");
		assertThat(invocation.headers()).containsEntry("content-type", "application/json; charset=utf-8")
			.containsEntry("x-amzn-sagemaker-accept", "text/event-stream")
			.containsEntry("x-amzn-sagemaker-custom-attributes", "accept_eula=true")
			.containsEntry("x-amzn-sagemaker-target-variant", "variant-b")
			.containsEntry("x-amzn-sagemaker-target-container-hostname", "container-1")
			.containsEntry("x-amzn-sagemaker-inference-id", "inference-42")
			.containsEntry("x-amzn-sagemaker-inference-component", "ic-llama")
			.containsEntry("x-amzn-sagemaker-session-id", session.id());
	}

	@Test
	void templateDefaultsReachTheWireAndRequestsOverrideThem() {
		String name = register(Dialect.TGI);
		StreamingInferenceTemplate template = this.transport.template(client())
			.endpointName(name)
			.format(InferenceFormat.TGI)
			.parameters(Map.of("max_new_tokens", 64, "temperature", 0.5))
			.customAttributes("accept_eula=true")
			.inferenceComponentName("ic-default")
			.accept("application/jsonlines")
			.build();
		template.stream(InferenceRequest.builder().prompt("Why?").parameter("temperature", 0.9).build())
			.blockLast(TIMEOUT);
		RecordedInvocation invocation = emulator().invocations(name).get(0);
		JsonNode body = json(invocation);
		assertThat(body.get("inputs").asString()).isEqualTo("Why?");
		assertThat(body.get("stream").asBoolean()).isTrue();
		assertThat(body.get("parameters").get("max_new_tokens").asInt()).isEqualTo(64);
		assertThat(body.get("parameters").get("temperature").asDouble()).isEqualTo(0.9);
		assertThat(invocation.headers()).containsEntry("content-type", "application/json")
			.containsEntry("x-amzn-sagemaker-accept", "application/jsonlines")
			.containsEntry("x-amzn-sagemaker-custom-attributes", "accept_eula=true")
			.containsEntry("x-amzn-sagemaker-inference-component", "ic-default");
	}

	@Test
	void openAiFormatsPutThePromptWhereTheServersExpectIt() {
		String name = register(Dialect.VLLM_CHAT);
		StreamingInferenceTemplate template = template(name);
		template.stream(InferenceRequest.builder().prompt("chat?").parameter("max_tokens", 5).build())
			.blockLast(TIMEOUT);
		template
			.stream(InferenceRequest.builder().prompt("complete?").format(InferenceFormat.OPENAI_COMPLETIONS).build())
			.blockLast(TIMEOUT);
		List<RecordedInvocation> invocations = emulator().invocations(name);
		assertThat(json(invocations.get(0)).get("messages").get(0).get("content").asString()).isEqualTo("chat?");
		assertThat(json(invocations.get(0)).get("messages").get(0).get("role").asString()).isEqualTo("user");
		assertThat(json(invocations.get(0)).get("max_tokens").asInt()).isEqualTo(5);
		assertThat(json(invocations.get(0)).get("stream").asBoolean()).isTrue();
		assertThat(json(invocations.get(1)).get("prompt").asString()).isEqualTo("complete?");
		assertThat(json(invocations.get(1)).get("stream").asBoolean()).isTrue();
	}

	@Test
	void chunksCarryTheResponseMetadata() {
		String name = register(Dialect.TGI);
		emulator().endpoint(name).variant("blue").responseCustomAttributes("trace=abc");
		InferenceChunk first = template(name).streamChunks(prompt("hi")).blockFirst(TIMEOUT);
		assertThat(first.metadata().endpointName()).isEqualTo(name);
		assertThat(first.metadata().invokedProductionVariant()).isEqualTo("blue");
		assertThat(first.metadata().contentType()).isEqualTo("text/event-stream");
		assertThat(first.metadata().customAttributes()).isEqualTo("trace=abc");
		assertThat(first.metadata().requestId()).isNotBlank();
	}

	@Test
	void nothingIsSentUntilSubscriptionAndEachSubscriptionInvokesOnce() {
		String name = register(Dialect.TGI);
		Flux<String> tokens = template(name).stream("hi");
		assertThat(emulator().invocations(name)).isEmpty();
		tokens.blockLast(TIMEOUT);
		tokens.blockLast(TIMEOUT);
		assertThat(emulator().invocations(name)).hasSize(2);
	}

	@ParameterizedTest
	@EnumSource(value = Dialect.class, names = { "RAW", "LMI_3P_STREAM", "TRITON" }, mode = EnumSource.Mode.EXCLUDE)
	void aContainerErrorInsideTheStreamEndsItAfterTheTokensOfTheSamePart(Dialect dialect) {
		String name = register(dialect);
		emulator().endpoint(name)
			.tokens("a", "b", "c")
			.recordsPerPart(10)
			.failAfterTokens(2, StreamFault.containerError("CUDA out of memory"));
		StepVerifier.create(template(name).stream("hi"))
			.expectNext("a", "b")
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(ContainerErrorException.class)
				.hasMessageContaining("CUDA out of memory")
				.hasMessageContaining(name))
			.verify(TIMEOUT);
	}

	@Test
	void anUnknownEndpointIsAValidationError() {
		StepVerifier.create(template("no-such-endpoint").stream("hi"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(StreamingInferenceException.class)
				.hasMessageContaining("no-such-endpoint")
				.satisfies(
						(e) -> assertThat(((StreamingInferenceException) e).errorCode()).isEqualTo("ValidationError")))
			.verify(TIMEOUT);
	}

	@Test
	void anOversizedPromptFailsBeforeAnythingIsSent() {
		String name = register(Dialect.TGI);
		String prompt = "x".repeat(RequestConstraints.MAX_BODY_BYTES);
		StepVerifier.create(template(name).stream(prompt))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidInferenceRequestException.class)
				.hasMessageContaining("6 MiB"))
			.verify(TIMEOUT);
		assertThat(emulator().invocations(name)).isEmpty();
	}

	@Test
	void noEndpointAnywhereFailsWithAMessageThatSaysWhereToSetIt() {
		StepVerifier.create(template(null).stream("hi"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidInferenceRequestException.class)
				.hasMessageContaining("sagemaker.runtime.endpoint-name"))
			.verify(TIMEOUT);
	}

	@Test
	void cancellingTheSubscriptionClosesTheConnection() {
		String name = register(Dialect.VLLM_CHAT);
		emulator().endpoint(name)
			.tokens(List.of("a", "b", "c", "d", "e", "f", "g", "h"))
			.tokenDelay(Duration.ofMillis(300));
		StepVerifier.create(template(name).stream("hi").take(2)).expectNext("a", "b").expectComplete().verify(TIMEOUT);
		assertThat(emulator().invocations(name).get(0).awaitConnectionClosed(TIMEOUT)).as("connection closed").isTrue();
	}

	@Test
	void aStreamReadInFullIsRecordedAsCompleted() {
		String name = register(Dialect.TGI_MESSAGES);
		template(name).stream("hi").blockLast(TIMEOUT);
		assertThat(emulator().invocations(name).get(0).awaitOutcome(TIMEOUT)).isEqualTo(StreamOutcome.COMPLETED);
	}

	private static SageMakerEmulator emulator() {
		return sagemaker.emulator();
	}

	private static synchronized EmulatorClient client() {
		if (client == null) {
			client = EmulatorClients.shared(emulator(), NettyNioAsyncHttpClient.builder().maxConcurrency(500));
		}
		return client;
	}

	private StreamingInferenceTemplate template(String endpointName) {
		StreamingInferenceTemplate.Builder builder = this.transport.template(client());
		if (endpointName != null) {
			builder.endpointName(endpointName);
		}
		return builder.build();
	}

	private static String register(Dialect dialect) {
		return TestEndpoints.register(emulator(), dialect);
	}

	private static InferenceRequest prompt(String prompt) {
		return InferenceRequest.builder().prompt(prompt).build();
	}

	private static JsonNode json(RecordedInvocation invocation) {
		return JsonMapper.builder().build().readTree(invocation.bodyAsString());
	}

}
