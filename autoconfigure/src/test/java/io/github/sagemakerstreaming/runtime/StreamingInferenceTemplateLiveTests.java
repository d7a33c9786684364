package io.github.sagemakerstreaming.runtime;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streams from a real SageMaker endpoint, only when one is named in
 * {@code SAGEMAKER_LIVE_ENDPOINT_NAME} (with {@code SAGEMAKER_LIVE_FORMAT} optional, and
 * the region and credentials of the AWS SDK's default chains). Skipped everywhere else,
 * CI included.
 */
@EnabledIfEnvironmentVariable(named = "SAGEMAKER_LIVE_ENDPOINT_NAME", matches = ".+")
class StreamingInferenceTemplateLiveTests {

	@Test
	void streamsFromARealEndpoint() {
		try (SageMakerRuntimeAsyncClient client = SageMakerRuntimeAsyncClient.create()) {
			String format = System.getenv().getOrDefault("SAGEMAKER_LIVE_FORMAT", "OPENAI_CHAT");
			StreamingInferenceTemplate template = StreamingInferenceTemplate.builder(client)
				.endpointName(System.getenv("SAGEMAKER_LIVE_ENDPOINT_NAME"))
				.format(InferenceFormat.valueOf(format))
				.build();
			List<InferenceChunk> chunks = template
				.streamChunks(
						InferenceRequest.builder()
							.prompt("Say hello in five words.")
							.parameter((InferenceFormat.valueOf(format) == InferenceFormat.TGI) ? "max_new_tokens"
									: "max_tokens", 32)
							.build())
				.collectList()
				.block(Duration.ofMinutes(2));
			assertThat(chunks).isNotEmpty();
			assertThat(chunks.get(chunks.size() - 1).last()).isTrue();
			assertThat(chunks.stream().map(InferenceChunk::text).reduce("", String::concat)).isNotBlank();
		}
	}

}
