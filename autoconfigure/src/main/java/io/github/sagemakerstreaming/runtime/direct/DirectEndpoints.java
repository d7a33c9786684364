package io.github.sagemakerstreaming.runtime.direct;

import java.net.URI;

import software.amazon.awssdk.awscore.endpoint.DualstackEnabledProvider;
import software.amazon.awssdk.awscore.endpoint.FipsEnabledProvider;
import software.amazon.awssdk.endpoints.EndpointProvider;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeServiceClientConfiguration;
import software.amazon.awssdk.services.sagemakerruntime.endpoints.SageMakerRuntimeEndpointParams;
import software.amazon.awssdk.services.sagemakerruntime.endpoints.SageMakerRuntimeEndpointProvider;

/**
 * Resolves the SageMaker Runtime endpoint a client calls, with the client's own endpoint
 * provider, region and endpoint override, and the FIPS and dual-stack settings the SDK
 * reads from the environment, system properties and profile.
 */
public final class DirectEndpoints {

	private DirectEndpoints() {
	}

	/**
	 * Resolves the endpoint of a client.
	 * @param client the client
	 * @return the URI its calls go to
	 */
	public static URI resolve(SageMakerRuntimeAsyncClient client) {
		SageMakerRuntimeServiceClientConfiguration configuration = client.serviceClientConfiguration();
		EndpointProvider configured = configuration.endpointProvider().orElse(null);
		SageMakerRuntimeEndpointProvider provider = (configured instanceof SageMakerRuntimeEndpointProvider own) ? own
				: SageMakerRuntimeEndpointProvider.defaultProvider();
		SageMakerRuntimeEndpointParams params = SageMakerRuntimeEndpointParams.builder()
			.region(configuration.region())
			.endpoint(configuration.endpointOverride().map(URI::toString).orElse(null))
			.useFips(FipsEnabledProvider.builder().build().isFipsEnabled().orElse(false))
			.useDualStack(DualstackEnabledProvider.builder().build().isDualstackEnabled().orElse(false))
			.build();
		return provider.resolveEndpoint(params).join().url();
	}

}
