package io.github.sagemakerstreaming.runtime;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class InferenceRequestTests {

	static Stream<Arguments> invalidValues() {
		return Stream.of(invalid("endpointName", (b) -> b.endpointName("under_score")),
				invalid("endpointName", (b) -> b.endpointName("-leading-hyphen")),
				invalid("endpointName", (b) -> b.endpointName("a".repeat(64))),
				invalid("contentType", (b) -> b.contentType("application/jsön")),
				invalid("accept", (b) -> b.accept("x".repeat(1025))),
				invalid("customAttributes", (b) -> b.customAttributes("line\nbreak")),
				invalid("customAttributes", (b) -> b.customAttributes("c".repeat(1025))),
				invalid("targetVariant", (b) -> b.targetVariant("variant.b")),
				invalid("targetContainerHostname", (b) -> b.targetContainerHostname("host name")),
				invalid("inferenceId", (b) -> b.inferenceId(" leading-space")),
				invalid("inferenceId", (b) -> b.inferenceId("i".repeat(65))),
				invalid("inferenceComponentName", (b) -> b.inferenceComponentName("ends-with-")),
				invalid("sessionId", (b) -> b.sessionId("s".repeat(257))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidValues")
	void rejectsWhatSageMakerWouldRejectNamingTheField(String field, UnaryOperator<InferenceRequest.Builder> change) {
		assertThatExceptionOfType(InvalidInferenceRequestException.class)
			.isThrownBy(() -> change.apply(InferenceRequest.builder().prompt("hi")).build())
			.withMessageStartingWith("Invalid " + field + " ")
			.satisfies((ex) -> assertThat(ex.errorCode()).isEqualTo(InvalidInferenceRequestException.ERROR_CODE));
	}

	@Test
	void acceptsValuesAtTheLimits() {
		InferenceRequest request = InferenceRequest.builder()
			.prompt("hi")
			.endpointName("a".repeat(63))
			.customAttributes("accept_eula=true; trace=\"x y\"".concat(" ".repeat(994)))
			.inferenceId("i".repeat(64))
			.inferenceComponentName("ic-1")
			.sessionId("s".repeat(256))
			.build();
		assertThat(request.endpointName()).hasSize(63);
	}

	@Test
	void requiresExactlyOneOfPromptMessagesAndBodyNamingThoseSet() {
		assertThatExceptionOfType(InvalidInferenceRequestException.class)
			.isThrownBy(() -> InferenceRequest.builder().build())
			.withMessageContaining("exactly one of prompt, messages and body, but none is set");
		assertThatExceptionOfType(InvalidInferenceRequestException.class)
			.isThrownBy(() -> InferenceRequest.builder().prompt("a").body("b").build())
			.withMessageContaining("prompt and body are set");
		assertThatExceptionOfType(InvalidInferenceRequestException.class)
			.isThrownBy(() -> InferenceRequest.builder().prompt("a").messages(List.of(ChatMessage.user("b"))).build())
			.withMessageContaining("prompt and messages are set");
	}

	@Test
	void refusesAnEmptyConversation() {
		assertThatExceptionOfType(InvalidInferenceRequestException.class)
			.isThrownBy(() -> InferenceRequest.builder().messages(List.of()).build())
			.withMessageContaining("messages are empty");
	}

	@Test
	void refusesToolsWithABodyOfOnesOwn() {
		ToolDefinition tool = ToolDefinition.of("time", "The time", "{\"type\":\"object\"}");
		assertThatExceptionOfType(InvalidInferenceRequestException.class)
			.isThrownBy(() -> InferenceRequest.builder().body("{}").tools(List.of(tool)).build())
			.withMessageContaining("Tools");
	}

	@Test
	void aToolSchemaMustBeAJsonObject() {
		assertThatExceptionOfType(InvalidInferenceRequestException.class)
			.isThrownBy(() -> ToolDefinition.of("time", "The time", "[1, 2]"))
			.withMessageContaining("'time'")
			.withMessageContaining("not a JSON object");
		assertThatExceptionOfType(InvalidInferenceRequestException.class)
			.isThrownBy(() -> ToolDefinition.of("time", "The time", "{\"type\":"));
		assertThat(ToolDefinition.of("time", null, "{}").description()).isNull();
	}

	@Test
	void rejectsARawBodyOverSixMebibytes() {
		assertThatExceptionOfType(InvalidInferenceRequestException.class)
			.isThrownBy(() -> InferenceRequest.builder().body(new byte[6 * 1024 * 1024 + 1]).build())
			.withMessageContaining("6 MiB");
	}

	@Test
	void isImmutable() {
		byte[] body = { 1, 2, 3 };
		InferenceRequest request = InferenceRequest.builder().body(body).build();
		body[0] = 9;
		request.body()[1] = 9;
		assertThat(request.body()).containsExactly(1, 2, 3);
	}

	private static Arguments invalid(String field, UnaryOperator<InferenceRequest.Builder> change) {
		return Arguments.of(field, change);
	}

	@ParameterizedTest
	@ValueSource(strings = { "messages", "prompt", "inputs", "stream" })
	void refusesAParameterThatWouldReplaceWhatTheFormatBuildsFromThePrompt(String name) {
		assertThatExceptionOfType(InvalidInferenceRequestException.class)
			.isThrownBy(() -> InferenceRequest.builder().prompt("hi").parameter(name, "x").build())
			.withMessageContaining("'" + name + "'")
			.withMessageContaining("body(");
	}

	@Test
	void theTemplateRefusesADefaultParameterThatWouldReplaceThePrompt() {
		try (SageMakerRuntimeAsyncClient client = SageMakerRuntimeAsyncClient.builder()
			.region(Region.US_EAST_1)
			.build()) {
			StreamingInferenceTemplate.Builder builder = StreamingInferenceTemplate.builder(client);
			assertThatExceptionOfType(InvalidInferenceRequestException.class)
				.isThrownBy(() -> builder.parameters(Map.of("messages", List.of())))
				.withMessageContaining("'messages'");
		}
	}

}
