package io.github.sagemakerstreaming.langchain4j;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import io.github.sagemakerstreaming.runtime.StreamingInferenceTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The models' {@code logRequests} and {@code logResponses}, off unless switched on, read
 * from the real Logback logger at DEBUG while calls go through the real SDK to the
 * emulator.
 */
@ResourceLock("io.github.sagemakerstreaming.runtime.StreamingInferenceTemplate")
class SageMakerModelLoggingIntegrationTests {

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	private static SageMakerRuntimeAsyncClient client;

	private final Logger logger = (Logger) LoggerFactory.getLogger(StreamingInferenceTemplate.class);

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private Level level;

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

	@BeforeEach
	void captureDebugLogging() {
		this.level = this.logger.getLevel();
		this.logger.setLevel(Level.DEBUG);
		this.appender.start();
		this.logger.addAppender(this.appender);
	}

	@AfterEach
	void stopCapturing() {
		this.logger.detachAppender(this.appender);
		this.logger.setLevel(this.level);
	}

	@Test
	void aModelLogsNothingOfThePromptUnlessSwitchedOn() {
		sagemaker.emulator().register("l4j-quiet", Dialect.VLLM_CHAT).tokens("secret", " answer");
		assertThat(model("l4j-quiet").build().chat("my secret prompt")).isEqualTo("secret answer");
		assertThat(messages("l4j-quiet")).isEmpty();
	}

	@Test
	void aModelLogsTheBodyAndTheWholeAnswerWhenSwitchedOn() {
		sagemaker.emulator().register("l4j-loud", Dialect.VLLM_CHAT).tokens("secret", " answer");
		model("l4j-loud").logRequests(true).logResponses(true).build().chat("my secret prompt");
		assertThat(messages("l4j-loud")).hasSize(2)
			.satisfiesExactly((request) -> assertThat(request).contains("\"content\":\"my secret prompt\""),
					(answer) -> assertThat(answer).endsWith(": secret answer"));
	}

	private static SageMakerChatModel.Builder model(String endpointName) {
		return SageMakerChatModel.builder()
			.client(client)
			.defaultRequestParameters(SageMakerChatRequestParameters.builder().endpointName(endpointName).build());
	}

	/**
	 * Returns what was logged of the calls to one endpoint: other test classes may call
	 * other endpoints at the same time.
	 */
	private List<String> messages(String endpointName) {
		List<ILoggingEvent> events;
		synchronized (this.appender) {
			// The appender appends under its own lock.
			events = List.copyOf(this.appender.list);
		}
		return events.stream()
			.map(ILoggingEvent::getFormattedMessage)
			.filter((message) -> message.startsWith("Request to endpoint " + endpointName + ":")
					|| message.startsWith("Answer from endpoint " + endpointName + " ("))
			.toList();
	}

}
