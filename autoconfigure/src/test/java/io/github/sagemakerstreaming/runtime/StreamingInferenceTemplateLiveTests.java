package io.github.sagemakerstreaming.runtime;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streams from a real SageMaker endpoint on both transports, only when one is named in
 * {@code SAGEMAKER_LIVE_ENDPOINT_NAME} (with {@code SAGEMAKER_LIVE_FORMAT} optional, and
 * the region and credentials of the AWS SDK's default chains): on the direct transport,
 * SageMaker itself checks the signature. Skipped everywhere else, CI included.
 */
@EnabledIfEnvironmentVariable(named = "SAGEMAKER_LIVE_ENDPOINT_NAME", matches = ".+")
class StreamingInferenceTemplateLiveTests {

	@ParameterizedTest
	@EnumSource(Transport.class)
	void streamsFromARealEndpoint(Transport transport) {
		try (SdkAsyncHttpClient http = NettyNioAsyncHttpClient.create();
				SageMakerRuntimeAsyncClient client = SageMakerRuntimeAsyncClient.builder().httpClient(http).build()) {
			String format = System.getenv().getOrDefault("SAGEMAKER_LIVE_FORMAT", "OPENAI_CHAT");
			StreamingInferenceTemplate template = StreamingInferenceTemplate.builder(client)
				.directTransport((transport == Transport.DIRECT) ? http : null)
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
