package io.github.sagemakerstreaming.runtime.direct;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkGlobalTime;
import software.amazon.awssdk.core.retry.ClockSkew;

/**
 * The time the direct transport signs with: this machine's clock, corrected as the SDK
 * client corrects its own when AWS refuses a request for the time it was signed at
 * ({@code RequestTimeTooSkewed}, an {@code InvalidSignatureException} far from the
 * service's {@code Date}, ...). The correction is the SDK's time offset, the seconds by
 * which this machine's clock is ahead of the service's: it starts from the SDK's JVM-wide
 * offset, as a new SDK client does, and is recorded there too when corrected, as the SDK
 * client records its own.
 */
public final class SigningClock {

	private volatile int offset = SdkGlobalTime.getGlobalTimeOffset();

	/**
	 * Returns the offset to sign the next request with.
	 * @return the seconds by which this machine's clock is ahead of the service's
	 */
	public int offset() {
		return this.offset;
	}

	/**
	 * Returns this machine's clock corrected by an offset, as the SDK signs with it.
	 * @param offset the seconds by which this machine's clock is ahead of the service's
	 * @return the corrected clock
	 */
	public static Clock correctedBy(int offset) {
		return Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-offset));
	}

	/**
	 * Corrects the clock from a failure if, as the SDK judges it, the service refused the
	 * request for the time it was signed at and said its own time: the offset becomes the
	 * difference between this machine's time and the service's {@code Date}. A refusal
	 * without a {@code Date} leaves the offset as it was, here and JVM-wide, since there
	 * is nothing to correct it by (where the SDK client would set its own to none,
	 * undoing a correction that other calls rely on).
	 * @param failure the failure of a request
	 * @return whether the failure was such a refusal, so that the clock is corrected
	 */
	public boolean correct(Throwable failure) {
		Optional<Instant> serviceTime = serviceTimeOfRefusal(failure);
		if (serviceTime.isEmpty()) {
			return false;
		}
		int corrected = seconds(ClockSkew.getClockSkew(Instant.now(), serviceTime.get()));
		this.offset = corrected;
		SdkGlobalTime.setGlobalTimeOffset(corrected);
		return true;
	}

	/**
	 * Returns whether a failure is a refusal for the time the request was signed at, as
	 * the SDK judges it, that says the service's time, so that a clock can be corrected
	 * by it.
	 * @param failure the failure of a request, or {@code null}
	 * @return whether a clock can be corrected from the failure
	 */
	public static boolean isCorrectableRefusal(@Nullable Throwable failure) {
		return serviceTimeOfRefusal(failure).isPresent();
	}

	private static Optional<Instant> serviceTimeOfRefusal(@Nullable Throwable failure) {
		if (!(failure instanceof AwsServiceException service) || !service.isClockSkewException()
				|| service.awsErrorDetails() == null || service.awsErrorDetails().sdkHttpResponse() == null) {
			return Optional.empty();
		}
		return ClockSkew.getServerTime(service.awsErrorDetails().sdkHttpResponse());
	}

	/**
	 * Returns the seconds of a skew, or none for one too large to count in seconds, which
	 * the SDK does not correct either.
	 */
	private static int seconds(Duration skew) {
		try {
			return Math.toIntExact(skew.getSeconds());
		}
		catch (ArithmeticException ex) {
			return 0;
		}
	}

}
