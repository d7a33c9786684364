package io.github.sagemakerstreaming.langchain4j;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.service.AiServices;
import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.EmulatedEndpoint;
import io.github.sagemakerstreaming.emulator.RecordedInvocation;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import io.github.sagemakerstreaming.emulator.SessionHandler;
import io.github.sagemakerstreaming.runtime.InferenceRequest;
import io.github.sagemakerstreaming.runtime.InferenceSession;
import io.github.sagemakerstreaming.runtime.InvalidInferenceRequestException;
import io.github.sagemakerstreaming.runtime.StreamTimeoutException;
import io.github.sagemakerstreaming.runtime.StreamingInferenceTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The SageMaker settings of {@link SageMakerChatRequestParameters}: an {@code AiServices}
 * conversation in a stateful session, and every other setting on the wire, through the
 * real AWS SDK against the emulator.
 */
class SageMakerChatRequestParametersIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final Duration STALL = Duration.ofSeconds(30);

	private static final Duration LIMIT = Duration.ofMillis(300);

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	private static SageMakerRuntimeAsyncClient client;

	@BeforeAll
	static void createClient() {
		client = SageMakerRuntimeAsyncClient.builder()
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
			.endpointOverride(sagemaker.emulator().endpointOverride())
			.build();
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	interface Assistant {

		String ask(String question);

	}

	@Test
	void anAiServicesConversationStaysInOneStatefulSession() {
		String name = "l4j-session";
		sagemaker.emulator()
			.register(name, Dialect.VLLM_CHAT)
			.sessionHandler(SessionHandler.DJL)
			.answer((question) -> List.of("Re: ", question));
		StreamingInferenceTemplate template = StreamingInferenceTemplate.builder(client).endpointName(name).build();
		InferenceSession session = template
			.openSession(InferenceRequest.builder().body("{\"requestType\":\"NEW_SESSION\"}").build())
			.block(TIMEOUT);
		Assistant assistant = AiServices.builder(Assistant.class)
			.chatModel(SageMakerChatModel.builder()
				.template(template)
				.defaultRequestParameters(SageMakerChatRequestParameters.builder().session(session).build())
				.build())
			.chatMemory(MessageWindowChatMemory.withMaxMessages(10))
			.build();
		assertThat(assistant.ask("My name is Ada.")).isEqualTo("Re: My name is Ada.");
		assertThat(assistant.ask("Who am I?")).isEqualTo("Re: Who am I?");
		template.closeSession(session, InferenceRequest.builder().body("{\"requestType\":\"CLOSE\"}").build())
			.block(TIMEOUT);
		assertThat(sagemaker.emulator().invocations(name)).extracting(RecordedInvocation::sessionId)
			.containsExactly("NEW_SESSION", session.id(), session.id(), session.id());
		assertThat(sagemaker.emulator().invocations(name).get(2).bodyAsString()).contains("My name is Ada.")
			.contains("Who am I?");
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> assistant.ask("Still there?"))
			.withMessageContaining(session.id());
	}

	@Test
	void everySageMakerSettingReachesTheWireFromTheDefaultsAndTheRequest() {
		String name = "l4j-settings";
		sagemaker.emulator().register(name, Dialect.VLLM_CHAT).tokens("ok");
		SageMakerChatModel model = SageMakerChatModel.builder()
			.template(StreamingInferenceTemplate.builder(client).endpointName("not-this-one").build())
			.defaultRequestParameters(SageMakerChatRequestParameters.builder()
				.endpointName(name)
				.inferenceComponentName("ic-default")
				.customAttributes("adapter=default")
				.targetVariant("variant-a")
				.build())
			.build();
		model.chat(ChatRequest.builder()
			.messages(UserMessage.from("hi"))
			.parameters(SageMakerChatRequestParameters.builder()
				.customAttributes("adapter=sql")
				.targetContainerHostname("container-2")
				.inferenceId("inference-7")
				.build())
			.build());
		assertThat(sagemaker.emulator().invocations(name)).singleElement()
			.extracting(RecordedInvocation::headers)
			.satisfies(
					(headers) -> assertThat(headers).containsEntry("x-amzn-sagemaker-inference-component", "ic-default")
						.containsEntry("x-amzn-sagemaker-custom-attributes", "adapter=sql")
						.containsEntry("x-amzn-sagemaker-target-variant", "variant-a")
						.containsEntry("x-amzn-sagemaker-target-container-hostname", "container-2")
						.containsEntry("x-amzn-sagemaker-inference-id", "inference-7"));
	}

	@Test
	void aFirstTokenTimeoutInTheParametersEndsTheCall() {
		assertTimesOut("l4j-first-token", (endpoint) -> endpoint.firstTokenDelay(STALL),
				SageMakerChatRequestParameters.builder().firstTokenTimeout(LIMIT),
				StreamTimeoutException.Limit.FIRST_TOKEN);
	}

	@Test
	void anIdleTimeoutInTheParametersEndsTheCall() {
		assertTimesOut("l4j-idle", (endpoint) -> endpoint.pauseAfterTokens(1, STALL),
				SageMakerChatRequestParameters.builder().idleTimeout(LIMIT), StreamTimeoutException.Limit.IDLE);
	}

	@Test
	void aTotalTimeoutInTheParametersEndsTheCall() {
		assertTimesOut("l4j-total", (endpoint) -> endpoint.pauseAfterTokens(1, STALL),
				SageMakerChatRequestParameters.builder().totalTimeout(LIMIT), StreamTimeoutException.Limit.TOTAL);
	}

	@Test
	void aSettingThatBreaksTheApisConstraintFailsWhereItIsSet() {
		assertThatExceptionOfType(InvalidInferenceRequestException.class)
			.isThrownBy(() -> SageMakerChatRequestParameters.builder().inferenceId(" leading-space"))
			.withMessageContaining("inferenceId");
	}

	private static void assertTimesOut(String name, UnaryOperator<EmulatedEndpoint> stall,
			SageMakerChatRequestParameters.Builder parameters, StreamTimeoutException.Limit limit) {
		stall.apply(sagemaker.emulator().register(name, Dialect.VLLM_CHAT).tokens("a", "b"));
		SageMakerChatModel model = SageMakerChatModel.builder()
			.template(StreamingInferenceTemplate.builder(client).endpointName(name).build())
			.build();
		assertThatExceptionOfType(StreamTimeoutException.class)
			.isThrownBy(() -> model
				.chat(ChatRequest.builder().messages(UserMessage.from("hi")).parameters(parameters.build()).build()))
			.satisfies((timeout) -> assertThat(timeout.limit()).isEqualTo(limit));
	}

}
