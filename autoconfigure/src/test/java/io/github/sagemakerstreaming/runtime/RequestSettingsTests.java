package io.github.sagemakerstreaming.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RequestSettingsTests {

	private static SageMakerRuntimeAsyncClient client;

	@BeforeAll
	static void createClient() {
		client = SageMakerRuntimeAsyncClient.builder().region(Region.US_EAST_1).build();
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	static Stream<Arguments> invalidSettings() {
		return Stream.of(invalid("endpointName", (b) -> b.endpointName("under_score")),
				invalid("inferenceComponentName", (b) -> b.inferenceComponentName("ends-with-")),
				invalid("contentType", (b) -> b.contentType("application/jsön")),
				invalid("accept", (b) -> b.accept("x".repeat(1025))),
				invalid("customAttributes", (b) -> b.customAttributes("line\nbreak")),
				invalid("firstTokenTimeout", (b) -> b.firstTokenTimeout(Duration.ZERO)),
				invalid("idleTimeout", (b) -> b.idleTimeout(Duration.ofSeconds(-1))),
				invalid("totalTimeout", (b) -> b.totalTimeout(Duration.ZERO)),
				invalid("'stream'", (b) -> b.parameter("stream", false)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidSettings")
	void aTemplateDefaultAndARequestSettingAreRefusedByTheSameRuleWhereTheyAreSet(String field,
			Consumer<RequestSettings.Builder<?>> setting) {
		InvalidInferenceRequestException onTheTemplate = refused(
				() -> setting.accept(StreamingInferenceTemplate.builder(client)));
		InvalidInferenceRequestException onARequest = refused(() -> setting.accept(InferenceRequest.builder()));
		assertThat(onTheTemplate).hasMessageContaining(field).hasMessage(onARequest.getMessage());
	}

	@Test
	void aRequestOverridesTheSettingsItSetsAndKeepsTheTemplatesOthers() {
		RequestSettings defaults = StreamingInferenceTemplate.builder(client)
			.endpointName("default-llm")
			.inferenceComponentName("ic-default")
			.accept("application/json")
			.customAttributes("accept_eula=true")
			.firstTokenTimeout(Duration.ofSeconds(10))
			.idleTimeout(Duration.ofSeconds(5))
			.settings();
		RequestSettings request = InferenceRequest.builder()
			.prompt("hi")
			.endpointName("other-llm")
			.format(InferenceFormat.TGI)
			.contentType("application/x-text")
			.idleTimeout(Duration.ofSeconds(1))
			.totalTimeout(Duration.ofMinutes(1))
			.build()
			.settings();
		RequestSettings merged = defaults.overriddenBy(request);
		assertThat(merged).isEqualTo(new RequestSettings("other-llm", "ic-default", InferenceFormat.TGI, Map.of(),
				"application/x-text", "application/json", "accept_eula=true",
				new StreamLimits(Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(1)),
				ContentLogging.NONE));
	}

	@Test
	void aRequestsParametersAreMergedOverTheTemplatesInOrder() {
		RequestSettings defaults = StreamingInferenceTemplate.builder(client)
			.parameters(Map.of("temperature", 0.7))
			.parameter("max_tokens", 256)
			.settings();
		RequestSettings request = InferenceRequest.builder()
			.prompt("hi")
			.parameter("max_tokens", 64)
			.parameter("top_p", 0.9)
			.build()
			.settings();
		assertThat(defaults.overriddenBy(request).parameters()).containsExactly(Map.entry("temperature", 0.7),
				Map.entry("max_tokens", 64), Map.entry("top_p", 0.9));
		RequestSettings noParameters = InferenceRequest.builder().prompt("hi").build().settings();
		assertThat(defaults.overriddenBy(noParameters).parameters()).isSameAs(defaults.parameters());
	}

	@Test
	void aTemplateStartsInTheOpenAiChatFormatAndRefusesToHaveNone() {
		assertThat(StreamingInferenceTemplate.builder(client).settings().format())
			.isEqualTo(InferenceFormat.OPENAI_CHAT);
		StreamingInferenceTemplate.Builder builder = StreamingInferenceTemplate.builder(client).format(null);
		assertThatExceptionOfType(NullPointerException.class).isThrownBy(builder::build)
			.withMessageContaining("default format");
	}

	private static InvalidInferenceRequestException refused(Runnable setting) {
		try {
			setting.run();
		}
		catch (InvalidInferenceRequestException ex) {
			return ex;
		}
		throw new AssertionError("The setting was accepted");
	}

	private static Arguments invalid(String field, Consumer<RequestSettings.Builder<?>> setting) {
		return Arguments.of(field, setting);
	}

}
