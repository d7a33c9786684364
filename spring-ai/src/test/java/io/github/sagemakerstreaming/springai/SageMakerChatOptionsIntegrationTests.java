package io.github.sagemakerstreaming.springai;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

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
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The SageMaker settings of {@link SageMakerChatOptions}: a {@link ChatClient}
 * conversation in a stateful session, and every other setting on the wire, through the
 * real AWS SDK against the emulator.
 */
class SageMakerChatOptionsIntegrationTests {

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

	@Test
	void aChatClientConversationStaysInOneStatefulSession() {
		String name = "spring-ai-session";
		sagemaker.emulator()
			.register(name, Dialect.VLLM_CHAT)
			.sessionHandler(SessionHandler.SAGEMAKER_STANDARD)
			.answer((question) -> List.of("Re: ", question));
		StreamingInferenceTemplate template = StreamingInferenceTemplate.builder(client).endpointName(name).build();
		InferenceSession session = template
			.openSession(InferenceRequest.builder().body("{\"requestType\":\"NEW_SESSION\"}").build())
			.block(TIMEOUT);
		ChatClient chat = ChatClient.builder(SageMakerChatModel.builder().template(template).build())
			.defaultOptions(SageMakerChatOptions.builder().session(session))
			.defaultAdvisors((advisors) -> advisors
				.advisors(MessageChatMemoryAdvisor.builder(MessageWindowChatMemory.builder().build()).build())
				.param(ChatMemory.CONVERSATION_ID, session.id()))
			.build();
		assertThat(chat.prompt().user("My name is Ada.").call().content()).isEqualTo("Re: My name is Ada.");
		assertThat(chat.prompt().user("Who am I?").stream().content().collectList().block(TIMEOUT))
			.containsExactly("Re: ", "Who am I?");
		template.closeSession(session, InferenceRequest.builder().body("{\"requestType\":\"CLOSE\"}").build())
			.block(TIMEOUT);
		assertThat(sagemaker.emulator().invocations(name)).extracting(RecordedInvocation::sessionId)
			.containsExactly("NEW_SESSION", session.id(), session.id(), session.id());
		assertThat(sagemaker.emulator().invocations(name).get(2).bodyAsString()).contains("My name is Ada.")
			.contains("Who am I?");
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> chat.prompt().user("Still there?").call().content())
			.withMessageContaining(session.id());
	}

	@Test
	void everySageMakerSettingReachesTheWireFromTheDefaultsAndThePrompt() {
		String name = "spring-ai-settings";
		sagemaker.emulator().register(name, Dialect.VLLM_CHAT).tokens("ok");
		SageMakerChatModel model = SageMakerChatModel.builder()
			.template(StreamingInferenceTemplate.builder(client).endpointName("not-this-one").build())
			.defaultOptions(SageMakerChatOptions.builder()
				.endpointName(name)
				.inferenceComponentName("ic-default")
				.customAttributes("adapter=default")
				.targetVariant("variant-a")
				.build())
			.build();
		ChatClient.create(model)
			.prompt()
			.user("hi")
			.options(SageMakerChatOptions.builder()
				.customAttributes("adapter=sql")
				.targetContainerHostname("container-2")
				.inferenceId("inference-7"))
			.call()
			.content();
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
	void aFirstTokenTimeoutInTheOptionsEndsTheCall() {
		assertTimesOut("spring-ai-first-token", (endpoint) -> endpoint.firstTokenDelay(STALL),
				SageMakerChatOptions.builder().firstTokenTimeout(LIMIT), StreamTimeoutException.Limit.FIRST_TOKEN);
	}

	@Test
	void anIdleTimeoutInTheOptionsEndsTheCall() {
		assertTimesOut("spring-ai-idle", (endpoint) -> endpoint.pauseAfterTokens(1, STALL),
				SageMakerChatOptions.builder().idleTimeout(LIMIT), StreamTimeoutException.Limit.IDLE);
	}

	@Test
	void aTotalTimeoutInTheOptionsEndsTheCall() {
		assertTimesOut("spring-ai-total", (endpoint) -> endpoint.pauseAfterTokens(1, STALL),
				SageMakerChatOptions.builder().totalTimeout(LIMIT), StreamTimeoutException.Limit.TOTAL);
	}

	@Test
	void aSettingThatBreaksTheApisConstraintFailsWhereItIsSet() {
		assertThatExceptionOfType(InvalidInferenceRequestException.class)
			.isThrownBy(() -> SageMakerChatOptions.builder().targetVariant("not a variant"))
			.withMessageContaining("targetVariant");
	}

	private static void assertTimesOut(String name, UnaryOperator<EmulatedEndpoint> stall,
			SageMakerChatOptions.Builder options, StreamTimeoutException.Limit limit) {
		stall.apply(sagemaker.emulator().register(name, Dialect.VLLM_CHAT).tokens("a", "b"));
		ChatClient chat = ChatClient.create(SageMakerChatModel.builder()
			.template(StreamingInferenceTemplate.builder(client).endpointName(name).build())
			.build());
		assertThatExceptionOfType(StreamTimeoutException.class)
			.isThrownBy(() -> chat.prompt().user("hi").options(options).call().content())
			.satisfies((timeout) -> assertThat(timeout.limit()).isEqualTo(limit));
	}

}
