package io.github.sagemakerstreaming.runtime;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The messages of failures that the SDK does not type, which streams and whole answers
 * share.
 */
class StreamingFailuresTests {

	@Test
	void aBrokenConnectionSaysTheAnswerIsIncompleteInWordsThatFitAWholeAnswerToo() {
		StreamingInferenceException failure = StreamingFailures.translate(new IOException("Connection reset"), "my-llm",
				"req-1", Duration.ofMillis(5));
		assertThat(failure.getMessage()).startsWith("Reading the answer from endpoint 'my-llm' failed")
			.contains("The answer is incomplete.")
			.endsWith("Retry the request.")
			.doesNotContain("stream");
		assertThat(failure.errorCode()).isEqualTo(StreamingInferenceException.CLIENT_ERROR);
		assertThat(failure).hasCauseInstanceOf(IOException.class);
	}

	@Test
	void aFailureThatIsNotAnIoFaultDoesNotAdviseARetry() {
		StreamingInferenceException failure = StreamingFailures.translate(new IllegalStateException("bad state"),
				"my-llm", "req-1", Duration.ofMillis(5));
		assertThat(failure.getMessage()).doesNotContain("Retry");
	}

}
