package io.github.sagemakerstreaming.runtime;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.sagemakerstreaming.runtime.direct.SigningClock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.util.retry.Retry;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;

/**
 * When and how a streaming call is tried again: only when the request certainly did not
 * reach the model, so before any token can have been delivered (throttling, a model not
 * ready, 500, 502, 503, 504, a connection that could not be made, no pooled connection),
 * with exponential backoff and jitter; and once more in the whole call, at once, when the
 * service refused it for the time it was signed at.
 *
 * @param maxAttempts the number of attempts, the first included; 1 means no retry
 * @param initialBackoff the backoff before the first retry
 * @param maxBackoff the longest backoff
 */
record RetrySettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

	static final RetrySettings DEFAULT = new RetrySettings(3, Duration.ofMillis(200), Duration.ofSeconds(2));

	private static final Logger logger = LoggerFactory.getLogger(StreamingInferenceTemplate.class);

	private static final Set<Integer> RETRYABLE_STATUS = Set.of(429, 500, 502, 503, 504);

	/**
	 * Switches the SDK's own retries off for a call, whatever the client's configuration:
	 * they would re-send a request that reached the model, and replay a stream's tokens.
	 */
	private static final SdkPlugin NO_SDK_RETRIES = (configuration) -> configuration.overrideConfiguration(
			configuration.overrideConfiguration().toBuilder().retryStrategy(AwsRetryStrategy.doNotRetry()).build());

	/**
	 * Returns the override that every call on a client needs: none when the client's own
	 * retries are off already, else one that switches them off for the call.
	 */
	static @Nullable AwsRequestOverrideConfiguration callOverride(SageMakerRuntimeAsyncClient client) {
		return sdkRetriesOff(client) ? null
				: AwsRequestOverrideConfiguration.builder().addPlugin(NO_SDK_RETRIES).build();
	}

	/**
	 * Returns whether a client's own retries are already off, as the auto-configured
	 * client's are, so that its calls need not switch them off one by one (which costs
	 * about 0.1 ms a call).
	 */
	static boolean sdkRetriesOff(SageMakerRuntimeAsyncClient client) {
		return client.serviceClientConfiguration()
			.overrideConfiguration()
			.retryStrategy()
			.map((strategy) -> strategy.maxAttempts() == 1)
			.orElse(false);
	}

	RetrySettings {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1, but was " + maxAttempts);
		}
		positive(initialBackoff, "initialBackoff");
		positive(maxBackoff, "maxBackoff");
	}

	private static void positive(Duration backoff, String field) {
		Objects.requireNonNull(backoff, field);
		if (backoff.isZero() || backoff.isNegative()) {
			throw new IllegalArgumentException(field + " must be positive, but was " + backoff);
		}
	}

	Retry spec() {
		return Retry.backoff(this.maxAttempts - 1L, this.initialBackoff)
			.maxBackoff(this.maxBackoff)
			.jitter(0.5)
			.filter(RetrySettings::isRetryable)
			.doBeforeRetry((signal) -> {
				StreamingInferenceException failure = (StreamingInferenceException) signal.failure();
				logger.debug("Retrying the call to endpoint '{}' (retry {} of {}) after {}: {}", failure.endpointName(),
						signal.totalRetries() + 1, this.maxAttempts - 1, failure.errorCode(),
						String.valueOf(failure.getCause()));
			})
			.onRetryExhaustedThrow((spec, signal) -> signal.failure());
	}

	/**
	 * Returns how a call that the service refused for the time it was signed at is sent
	 * once more, whatever the attempts allowed: it never reached the model, and both
	 * transports have corrected their clock from the service's time by then, as the SDK
	 * client does. It is sent once more once per call, however many attempts the call
	 * makes: a refusal for the time that follows a clock corrected from the service's own
	 * time would not be cured by another correction. A call makes one and shares it
	 * between its attempts.
	 */
	static Retry onceWithCorrectedClock() {
		AtomicBoolean sentAgain = new AtomicBoolean();
		return Retry.indefinitely()
			.filter((failure) -> isRefusedForItsTime(failure) && sentAgain.compareAndSet(false, true));
	}

	/**
	 * Returns whether a failure is certain to have happened before the request reached
	 * the model: an HTTP error status from SageMaker that says it did not pass the
	 * request on (throttling, 500, 502, 503, 504), a connection that could not be made,
	 * or no pooled connection within the acquisition timeout. A read timeout or a reset
	 * once the request was written is never retried: the model may be generating already.
	 */
	static boolean isRetryable(Throwable failure) {
		Throwable cause = failure.getCause();
		if (cause instanceof AwsServiceException service) {
			return RETRYABLE_STATUS.contains(service.statusCode()) || (service.awsErrorDetails() != null
					&& "ThrottlingException".equals(service.awsErrorDetails().errorCode()));
		}
		return cause instanceof SdkClientException && !(failure instanceof StreamTimeoutException)
				&& (StreamingFailures.hasCause(cause, ConnectException.class)
						|| StreamingFailures.hasCause(cause, UnknownHostException.class) || isAcquireTimeout(cause));
	}

	/**
	 * Returns whether the service refused a call for the time it was signed at, as the
	 * SDK judges it against the clock the call was signed with (which both transports
	 * record on the exception): a code that says so ({@code RequestTimeTooSkewed}, ...),
	 * or one that may ({@code InvalidSignatureException}, 401, 403, ...) with a
	 * {@code Date} more than 4 minutes from the time it was signed at; and whether it
	 * said the service's time in its {@code Date}, without which there is nothing to
	 * correct the clock by, and no point sending the call again. A refusal of the
	 * credentials of a call signed at the right time, on a host whose clock is off but
	 * corrected, is therefore not one.
	 */
	static boolean isRefusedForItsTime(Throwable failure) {
		return SigningClock.isCorrectableRefusal(failure.getCause());
	}

	/**
	 * The SDK's Netty client reports a pool that had no connection to lend in time as a
	 * {@code TimeoutException} with this message.
	 */
	private static boolean isAcquireTimeout(Throwable failure) {
		for (Throwable ex = failure; ex != null; ex = ex.getCause()) {
			if (ex instanceof TimeoutException && ex.getMessage() != null
					&& ex.getMessage().startsWith("Acquire operation took longer")) {
				return true;
			}
		}
		return false;
	}

}
