package io.github.sagemakerstreaming.runtime;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.util.retry.Retry;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * When and how a streaming call is tried again: only before SageMaker has answered, so before any token
 * can have been delivered, and only for failures that are safe to retry (throttling, a model not ready,
 * 500, 502, 503, 504, and connection failures), with exponential backoff and jitter.
 *
 * @param maxAttempts the number of attempts, the first included; 1 means no retry
 * @param initialBackoff the backoff before the first retry
 * @param maxBackoff the longest backoff
 */
record RetrySettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

	static final RetrySettings DEFAULT = new RetrySettings(3, Duration.ofMillis(200), Duration.ofSeconds(2));

	private static final Logger logger = LoggerFactory.getLogger(StreamingInferenceTemplate.class);

	private static final Set<Integer> RETRYABLE_STATUS = Set.of(429, 500, 502, 503, 504);

	RetrySettings {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1, but was " + maxAttempts);
		}
		StreamLimits.check(initialBackoff, "initialBackoff");
		StreamLimits.check(maxBackoff, "maxBackoff");
	}

	Retry spec() {
		return Retry.backoff(this.maxAttempts - 1L, this.initialBackoff)
			.maxBackoff(this.maxBackoff)
			.jitter(0.5)
			.filter(RetrySettings::isRetryable)
			.doBeforeRetry((signal) -> {
				StreamingInferenceException failure = (StreamingInferenceException) signal.failure();
				logger.debug("Retrying the call to endpoint '{}' (retry {} of {}) after {}: {}", failure.endpointName(),
						signal.totalRetries() + 1, this.maxAttempts - 1, failure.errorCode(), failure.getCause().getMessage());
			})
			.onRetryExhaustedThrow((spec, signal) -> signal.failure());
	}

	static boolean isRetryable(Throwable failure) {
		Throwable cause = failure.getCause();
		if (cause instanceof AwsServiceException service) {
			return RETRYABLE_STATUS.contains(service.statusCode()) || (service.awsErrorDetails() != null
					&& "ThrottlingException".equals(service.awsErrorDetails().errorCode()));
		}
		if (cause instanceof SdkClientException) {
			for (Throwable t = cause.getCause(); t != null; t = t.getCause()) {
				if (t instanceof IOException) {
					return true;
				}
			}
		}
		return false;
	}

}
