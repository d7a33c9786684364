package io.github.sagemakerstreaming.runtime;

import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request and answer logging, off unless switched on, read from the real Logback
 * logger at DEBUG while calls go through the real SDK to the emulator.
 */
class StreamingInferenceTemplateContentLoggingIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	private static SageMakerRuntimeAsyncClient client;

	private final Logger logger = (Logger) LoggerFactory.getLogger(StreamingInferenceTemplate.class);

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private Level level;

	@BeforeAll
	static void createClient() {
		client = EmulatorClients.create(sagemaker.emulator());
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
	void nothingOfThePromptOrTheAnswerIsLoggedUnlessSwitchedOn() {
		String name = TestEndpoints.register(sagemaker.emulator(), Dialect.VLLM_CHAT);
		sagemaker.emulator().endpoint(name).tokens("secret", " answer");
		StreamingInferenceTemplate template = StreamingInferenceTemplate.builder(client).endpointName(name).build();
		assertThat(template.stream("my secret prompt").collectList().block(TIMEOUT)).containsExactly("secret",
				" answer");
		template.invoke(InferenceRequest.builder().prompt("my secret prompt").build()).block(TIMEOUT);
		assertThat(messages(name)).isEmpty();
	}

	@Test
	void theTemplateLogsEachBodyAndEachStreamsWholeAnswerOnceWhenSwitchedOn() {
		String name = TestEndpoints.register(sagemaker.emulator(), Dialect.VLLM_CHAT);
		sagemaker.emulator().endpoint(name).tokens("secret", " answer");
		StreamingInferenceTemplate template = StreamingInferenceTemplate.builder(client)
			.endpointName(name)
			.logRequests(true)
			.logResponses(true)
			.build();
		template.stream("my secret prompt").collectList().block(TIMEOUT);
		assertThat(messages(name)).containsExactly(
				"Request to endpoint " + name
						+ ": {\"messages\":[{\"role\":\"user\",\"content\":\"my secret prompt\"}],"
						+ "\"stream\":true,\"stream_options\":{\"include_usage\":true}}",
				"Answer from endpoint " + name + " (finish reason stop, 0 tool calls): secret answer");
	}

	@Test
	void aRequestSwitchesLoggingOnForItselfAndAWholeAnswerIsLoggedToo() {
		String name = TestEndpoints.register(sagemaker.emulator(), Dialect.VLLM_CHAT);
		sagemaker.emulator().endpoint(name).tokens("secret", " answer");
		StreamingInferenceTemplate template = StreamingInferenceTemplate.builder(client).endpointName(name).build();
		template.invoke(InferenceRequest.builder().prompt("quiet").build()).block(TIMEOUT);
		template.invoke(InferenceRequest.builder().prompt("loud").logResponses(true).build()).block(TIMEOUT);
		assertThat(messages(name))
			.containsExactly("Answer from endpoint " + name + " (finish reason stop, 0 tool calls): secret answer");
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
