package io.github.sagemakerstreaming.runtime;

import java.time.Duration;

import io.github.sagemakerstreaming.emulator.SageMakerEmulator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClientBuilder;

/**
 * Real SDK clients pointed at an emulator, configured as a user would (SDK retries left
 * at their default to prove the template switches them off).
 */
public final class EmulatorClients {

	private EmulatorClients() {
	}

	public static SageMakerRuntimeAsyncClient create(SageMakerEmulator emulator) {
		return builder(emulator, NettyNioAsyncHttpClient.builder().maxConcurrency(500)).build();
	}

	static SageMakerRuntimeAsyncClientBuilder builder(SageMakerEmulator emulator,
			NettyNioAsyncHttpClient.Builder http) {
		return SageMakerRuntimeAsyncClient.builder()
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
			.endpointOverride(emulator.endpointOverride())
			.httpClientBuilder(http.readTimeout(Duration.ofSeconds(30)));
	}

}
