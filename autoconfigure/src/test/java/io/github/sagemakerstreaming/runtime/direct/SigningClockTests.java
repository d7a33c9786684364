package io.github.sagemakerstreaming.runtime.direct;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import software.amazon.awssdk.core.SdkGlobalTime;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.SageMakerRuntimeException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signing clock's correction from refusals read as the direct transport reads them.
 * Isolated, because the correction is kept in the SDK's JVM-wide offset too.
 */
@Isolated
class SigningClockTests {

	@AfterEach
	void forgetTheCorrection() {
		SdkGlobalTime.setGlobalTimeOffset(0);
	}

	@Test
	void aRefusalForTheTimeIsCorrectedByTheServicesDate() {
		SigningClock clock = new SigningClock();
		assertThat(clock.correct(refusal(Instant.now().plus(Duration.ofMinutes(10)).toString(), 0))).isTrue();
		assertThat(clock.offset()).isBetween(-660, -540);
		assertThat(SdkGlobalTime.getGlobalTimeOffset()).isEqualTo(clock.offset());
	}

	@Test
	void aRefusalForTheTimeWithoutADateLeavesTheCorrectionAsItWas() {
		SdkGlobalTime.setGlobalTimeOffset(-600);
		SigningClock clock = new SigningClock();
		assertThat(clock.correct(refusal(null, -600))).isFalse();
		assertThat(clock.offset()).isEqualTo(-600);
		assertThat(SdkGlobalTime.getGlobalTimeOffset()).isEqualTo(-600);
	}

	/**
	 * Reads SageMaker's refusal of a request signed with the given offset, with the
	 * service's time in its {@code Date} if it has one.
	 */
	private static SageMakerRuntimeException refusal(@Nullable String isoDate, int timeOffset) {
		SdkHttpResponse.Builder response = SdkHttpResponse.builder()
			.statusCode(403)
			.putHeader("Content-Type", "application/json")
			.putHeader("x-amzn-ErrorType", "RequestTimeTooSkewed");
		if (isoDate != null) {
			response.putHeader("Date",
					DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.parse(isoDate).atZone(ZoneOffset.UTC)));
		}
		return ServiceErrors.fromResponse(response.build(),
				"{\"message\":\"The difference between the request time and the current time is too large.\"}"
					.getBytes(StandardCharsets.UTF_8),
				timeOffset);
	}

}
