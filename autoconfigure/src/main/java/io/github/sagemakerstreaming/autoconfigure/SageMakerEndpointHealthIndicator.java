package io.github.sagemakerstreaming.autoconfigure;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sagemaker.SageMakerAsyncClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Reports the default endpoint's status from {@code DescribeEndpoint}, with the status as
 * a detail. Every status in which the endpoint still serves invocations is UP:
 * {@code InService}, and the routine {@code Updating}, {@code SystemUpdating},
 * {@code RollingBack} and {@code UpdateRollbackFailed}, during which the previous
 * configuration keeps serving. {@code Creating} and {@code OutOfService} are
 * OUT_OF_SERVICE (not serving yet, or no longer); {@code Deleting}, {@code Failed}, any
 * other status, a missing endpoint and a denied call are DOWN. Results are kept for a
 * configurable time, so that frequent probes cannot throttle the account.
 */
public class SageMakerEndpointHealthIndicator implements HealthIndicator, AutoCloseable {

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

	private final SageMakerAsyncClient client;

	private final String endpointName;

	private final long cacheNanos;

	private volatile CachedHealth cached;

	/**
	 * Creates an indicator, which closes the client when it is closed.
	 * @param client the SageMaker control-plane client
	 * @param endpointName the endpoint to report on
	 * @param cacheTimeToLive how long a result is reused
	 */
	public SageMakerEndpointHealthIndicator(SageMakerAsyncClient client, String endpointName,
			Duration cacheTimeToLive) {
		this.client = client;
		this.endpointName = endpointName;
		this.cacheNanos = cacheTimeToLive.toNanos();
	}

	@Override
	public Health health() {
		CachedHealth current = this.cached;
		long now = System.nanoTime();
		if (current != null && now - current.checkedAt() < this.cacheNanos) {
			return current.health();
		}
		Health health = check();
		this.cached = new CachedHealth(health, now);
		return health;
	}

	private Health check() {
		try {
			DescribeEndpointResponse endpoint = this.client
				.describeEndpoint((request) -> request.endpointName(this.endpointName))
				.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			Health.Builder builder = Health.status(status(endpoint.endpointStatusAsString()))
				.withDetail("endpoint", this.endpointName)
				.withDetail("status", endpoint.endpointStatusAsString());
			if (endpoint.failureReason() != null) {
				builder.withDetail("failureReason", endpoint.failureReason());
			}
			return builder.build();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Health.down(ex).withDetail("endpoint", this.endpointName).build();
		}
		catch (Exception ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			Health.Builder builder = Health.down().withDetail("endpoint", this.endpointName);
			if (cause instanceof AwsServiceException service && service.awsErrorDetails() != null
					&& "AccessDeniedException".equals(service.awsErrorDetails().errorCode())) {
				return builder
					.withDetail("error", "The application's role lacks the IAM permission sagemaker:DescribeEndpoint "
							+ "on endpoint '" + this.endpointName + "'; grant it, or disable this check with "
							+ "management.health.sagemaker.enabled=false. " + service.awsErrorDetails().errorMessage())
					.build();
			}
			return builder.withException(cause).build();
		}
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
		this.client.close();
	}

	private record CachedHealth(Health health, long checkedAt) {

	}

}
