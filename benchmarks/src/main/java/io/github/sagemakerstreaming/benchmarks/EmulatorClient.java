package io.github.sagemakerstreaming.benchmarks;

import java.net.URI;

import io.github.sagemakerstreaming.emulator.SageMakerEmulator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClientBuilder;

/**
 * An SDK client with the SDK's own defaults, pointed at an emulator.
 */
final class EmulatorClient {

	private EmulatorClient() {
	}

	static SageMakerRuntimeAsyncClientBuilder withSdkDefaults(SageMakerEmulator emulator) {
		return withSdkDefaults(emulator.endpointOverride());
	}

	static SageMakerRuntimeAsyncClientBuilder withSdkDefaults(URI endpointOverride) {
		return SageMakerRuntimeAsyncClient.builder()
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
			.endpointOverride(endpointOverride);
	}

}
