package io.github.sagemakerstreaming.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sagemaker.SageMakerAsyncClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Reports the default endpoint's status from {@code DescribeEndpoint}, with the status as
 * a detail. Every status in which the endpoint still serves invocations is UP:
 * {@code InService}, and the routine {@code Updating}, {@code SystemUpdating},
 * {@code RollingBack} and {@code UpdateRollbackFailed}, during which the previous
 * configuration keeps serving. {@code Creating} and {@code OutOfService} are
 * OUT_OF_SERVICE (not serving yet, or no longer); {@code Deleting}, {@code Failed}, any
 * other status, a missing endpoint and a denied call are DOWN.
 * <p>
 * With no default endpoint it is UNKNOWN, and calls nothing: there is no endpoint to
 * speak for, and UNKNOWN leaves the application's overall health to its other
 * contributors.
 * <p>
 * The check is reactive, so it never blocks the thread that asks (a Netty event loop in a
 * WebFlux application). A result is kept for a configurable time, and probes that arrive
 * while a call is under way share it, so that frequent probes cannot throttle the
 * account.
 */
class SageMakerEndpointHealthIndicator implements ReactiveHealthIndicator, AutoCloseable {

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

	private static final Health NO_DEFAULT_ENDPOINT = Health.unknown()
		.withDetail("reason",
				"No default endpoint is configured: set sagemaker.runtime.endpoint-name to have "
						+ "its status reported here.")
		.build();

	private final @Nullable SageMakerAsyncClient client;

	private final Mono<Health> health;

	/**
	 * Creates an indicator, which closes the client when it is closed.
	 * @param client the SageMaker control-plane client
	 * @param endpointName the endpoint to report on
	 * @param cacheTimeToLive how long a result is reused
	 */
	SageMakerEndpointHealthIndicator(SageMakerAsyncClient client, String endpointName, Duration cacheTimeToLive) {
		this.client = client;
		this.health = Mono.defer(() -> check(client, endpointName))
			.cache((result) -> cacheTimeToLive, (failure) -> Duration.ZERO, () -> Duration.ZERO);
	}

	/**
	 * Creates the indicator of an application with no default endpoint, which is UNKNOWN.
	 */
	SageMakerEndpointHealthIndicator() {
		this.client = null;
		this.health = Mono.just(NO_DEFAULT_ENDPOINT);
	}

	@Override
	public Mono<Health> health() {
		return this.health;
	}

	private static Mono<Health> check(SageMakerAsyncClient client, String endpointName) {
		return Mono.fromFuture(() -> client.describeEndpoint((request) -> request.endpointName(endpointName)), true)
			.timeout(CALL_TIMEOUT)
			.map((endpoint) -> health(endpointName, endpoint))
			.onErrorResume((ex) -> Mono.just(down(endpointName, ex)));
	}

	private static Health health(String endpointName, DescribeEndpointResponse endpoint) {
		Health.Builder builder = Health.status(status(endpoint.endpointStatusAsString()))
			.withDetail("endpoint", endpointName)
			.withDetail("status", endpoint.endpointStatusAsString());
		if (endpoint.failureReason() != null) {
			builder.withDetail("failureReason", endpoint.failureReason());
		}
		return builder.build();
	}

	private static Health down(String endpointName, Throwable failure) {
		Throwable cause = (failure.getCause() != null) ? failure.getCause() : failure;
		Health.Builder builder = Health.down().withDetail("endpoint", endpointName);
		if (cause instanceof AwsServiceException service && service.awsErrorDetails() != null
				&& "AccessDeniedException".equals(service.awsErrorDetails().errorCode())) {
			return builder
				.withDetail("error", "The application's role lacks the IAM permission sagemaker:DescribeEndpoint "
						+ "on endpoint '" + endpointName + "'; grant it, or disable this check with "
						+ "management.health.sagemaker.enabled=false. " + service.awsErrorDetails().errorMessage())
				.build();
		}
		return builder.withException(cause).build();
	}

	private static Status status(String endpointStatus) {
		return switch (endpointStatus) {
			case "InService", "Updating", "SystemUpdating", "RollingBack", "UpdateRollbackFailed" -> Status.UP;
			case "Creating", "OutOfService" -> Status.OUT_OF_SERVICE;
			default -> Status.DOWN;
		};
	}

	@Override
	public void close() {
		if (this.client != null) {
			this.client.close();
		}
	}

}
