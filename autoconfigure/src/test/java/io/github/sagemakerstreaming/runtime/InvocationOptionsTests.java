package io.github.sagemakerstreaming.runtime;

import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class InvocationOptionsTests {

	private static final InferenceSession SESSION = new InferenceSession("s-1", null, "llm", null);

	private static final InvocationOptions ALL = InvocationOptions.builder()
		.endpointName("llm")
		.inferenceComponentName("ic-1")
		.format(InferenceFormat.TGI)
		.customAttributes("adapter=a")
		.session(SESSION)
		.targetVariant("variant-a")
		.targetContainerHostname("container-1")
		.inferenceId("inference-1")
		.firstTokenTimeout(Duration.ofSeconds(1))
		.idleTimeout(Duration.ofSeconds(2))
		.totalTimeout(Duration.ofSeconds(3))
		.build();

	static Stream<Arguments> eachSetting() {
		return Stream.of(setting("endpointName", (b) -> b.endpointName("other")),
				setting("inferenceComponentName", (b) -> b.inferenceComponentName("ic-2")),
				setting("format", (b) -> b.format(InferenceFormat.RAW)),
				setting("customAttributes", (b) -> b.customAttributes("adapter=b")),
				setting("session", (b) -> b.session(new InferenceSession("s-2", null, "llm", null))),
				setting("targetVariant", (b) -> b.targetVariant("variant-b")),
				setting("targetContainerHostname", (b) -> b.targetContainerHostname("container-2")),
				setting("inferenceId", (b) -> b.inferenceId("inference-2")),
				setting("firstTokenTimeout", (b) -> b.firstTokenTimeout(Duration.ofSeconds(4))),
				setting("idleTimeout", (b) -> b.idleTimeout(Duration.ofSeconds(5))),
				setting("totalTimeout", (b) -> b.totalTimeout(Duration.ofSeconds(6))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("eachSetting")
	void aSettingOverTheDefaultsReplacesThatOneAlone(String name, UnaryOperator<InvocationOptions.Builder> set) {
		InvocationOptions one = set.apply(InvocationOptions.builder()).build();
		InvocationOptions merged = one.mergedOver(ALL);
		assertThat(merged).isNotEqualTo(ALL).isEqualTo(set.apply(ALL.mutate()).build());
		assertThat(ALL.mergedOver(one)).isEqualTo(ALL);
	}

	@Test
	void noSettingOverTheDefaultsIsTheDefaults() {
		assertThat(InvocationOptions.NONE.mergedOver(ALL)).isEqualTo(ALL);
		assertThat(ALL.mergedOver(InvocationOptions.NONE)).isEqualTo(ALL);
		assertThat(ALL.mutate().build()).isEqualTo(ALL).hasSameHashCodeAs(ALL);
	}

	@Test
	void everySettingReachesTheRequest() {
		InferenceRequest request = ALL.applyTo(InferenceRequest.builder().prompt("hi")).build();
		assertThat(request.endpointName()).isEqualTo("llm");
		assertThat(request.inferenceComponentName()).isEqualTo("ic-1");
		assertThat(request.format()).isEqualTo(InferenceFormat.TGI);
		assertThat(request.customAttributes()).isEqualTo("adapter=a");
		assertThat(request.session()).isEqualTo(SESSION);
		assertThat(request.sessionId()).isEqualTo("s-1");
		assertThat(request.targetVariant()).isEqualTo("variant-a");
		assertThat(request.targetContainerHostname()).isEqualTo("container-1");
		assertThat(request.inferenceId()).isEqualTo("inference-1");
		assertThat(request.firstTokenTimeout()).isEqualTo(Duration.ofSeconds(1));
		assertThat(request.idleTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(request.totalTimeout()).isEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void anUnsetSettingLeavesTheRequestsOwn() {
		InferenceRequest request = InvocationOptions.NONE
			.applyTo(InferenceRequest.builder().prompt("hi").sessionId("s-9").idleTimeout(Duration.ofSeconds(9)))
			.build();
		assertThat(request.sessionId()).isEqualTo("s-9");
		assertThat(request.idleTimeout()).isEqualTo(Duration.ofSeconds(9));
	}

	@Test
	void aValueTheApiRefusesFailsWhereItIsSetNamingTheSetting() {
		assertThatExceptionOfType(InvalidInferenceRequestException.class)
			.isThrownBy(() -> InvocationOptions.builder().targetContainerHostname("host name"))
			.withMessageStartingWith("Invalid targetContainerHostname ");
		assertThatExceptionOfType(InvalidInferenceRequestException.class)
			.isThrownBy(() -> InvocationOptions.builder().idleTimeout(Duration.ZERO))
			.withMessageStartingWith("Invalid idleTimeout ");
	}

	private static Arguments setting(String name, UnaryOperator<InvocationOptions.Builder> set) {
		return Arguments.of(name, set);
	}

}
