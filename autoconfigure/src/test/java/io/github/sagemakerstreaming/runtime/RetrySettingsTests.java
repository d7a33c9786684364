package io.github.sagemakerstreaming.runtime;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a call must switch the SDK's retries off itself.
 */
class RetrySettingsTests {

	@Test
	void aClientWithoutRetriesNeedsNoPerCallPluginAndOneWithRetriesDoes() {
		try (SageMakerRuntimeAsyncClient retrying = SageMakerRuntimeAsyncClient.builder()
			.region(Region.US_EAST_1)
			.build();
				SageMakerRuntimeAsyncClient notRetrying = SageMakerRuntimeAsyncClient.builder()
					.region(Region.US_EAST_1)
					.overrideConfiguration((override) -> override.retryStrategy(AwsRetryStrategy.doNotRetry()))
					.build()) {
			assertThat(RetrySettings.sdkRetriesOff(retrying)).isFalse();
			assertThat(RetrySettings.sdkRetriesOff(notRetrying)).isTrue();
		}
	}

}
