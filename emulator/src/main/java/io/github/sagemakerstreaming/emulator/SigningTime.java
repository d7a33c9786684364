package io.github.sagemakerstreaming.emulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The check AWS makes of the instant a request was signed at, against its own clock: a
 * SigV4 signature more than 5 minutes from it is refused with a 403
 * {@code InvalidSignatureException}, with AWS's messages ("Signature expired:
 * 20250714T201419Z is now earlier than 20250714T202350Z (20250714T202850Z - 5 min.)" and
 * "Signature not yet current: ... is still later than ... (... + 5 min.)", as reported
 * from AWS's JSON services, e.g. aws-samples/bedrock-access-gateway#163,
 * boto/botocore#3587), and every response carries the service's time in its {@code Date}
 * header, from which the AWS SDKs correct a skewed clock.
 */
final class SigningTime {

	/** How far a signature may be from the service's clock. */
	static final Duration TOLERANCE = Duration.ofMinutes(5);

	private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
		.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
		.withZone(ZoneOffset.UTC);

	private SigningTime() {
	}

	/**
	 * Returns the value of the {@code Date} header at an instant.
	 */
	static String httpDate(Instant now) {
		return HTTP_DATE.format(now);
	}

	/**
	 * Returns AWS's refusal of a request signed at {@code X-Amz-Date}, or {@code null}
	 * for one signed within the tolerance or not signed at all.
	 */
	static @Nullable HttpFault check(@Nullable String amzDate, Instant now) {
		if (amzDate == null) {
			return null;
		}
		Instant signed;
		try {
			signed = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
		if (signed.isBefore(now.minus(TOLERANCE))) {
			return refusal("Signature expired: " + amzDate + " is now earlier than " + format(now.minus(TOLERANCE))
					+ " (" + format(now) + " - 5 min.)");
		}
		if (signed.isAfter(now.plus(TOLERANCE))) {
			return refusal("Signature not yet current: " + amzDate + " is still later than "
					+ format(now.plus(TOLERANCE)) + " (" + format(now) + " + 5 min.)");
		}
		return null;
	}

	private static HttpFault refusal(String message) {
		return new HttpFault(403, "InvalidSignatureException", message);
	}

	private static String format(Instant instant) {
		return AMZ_DATE.format(instant.atOffset(ZoneOffset.UTC));
	}

}
