package io.github.sagemakerstreaming.emulator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Temporary AWS credentials, as STS and the container credentials endpoints issue them:
 * an access key id that starts with {@code ASIA}, a secret key, a session token and an
 * expiry.
 *
 * @param accessKeyId the access key id
 * @param secretAccessKey the secret access key
 * @param sessionToken the session token
 * @param expiration when the credentials expire
 */
public record TemporaryCredentials(String accessKeyId, String secretAccessKey, String sessionToken,
		Instant expiration) {

	private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

	/** How long STS's credentials live unless the request asks otherwise (one hour). */
	static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

	/**
	 * Makes fresh credentials that expire after the given time, at a whole second.
	 */
	static TemporaryCredentials issue(Duration lifetime) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		StringBuilder accessKeyId = new StringBuilder("ASIA");
		for (int i = 0; i < 16; i++) {
			accessKeyId.append(KEY_ALPHABET.charAt(random.nextInt(KEY_ALPHABET.length())));
		}
		return new TemporaryCredentials(accessKeyId.toString(), randomBase64(random, 30), randomBase64(random, 300),
				Instant.now().plus(lifetime).truncatedTo(ChronoUnit.SECONDS));
	}

	private static String randomBase64(ThreadLocalRandom random, int bytes) {
		byte[] value = new byte[bytes];
		random.nextBytes(value);
		return Base64.getEncoder().encodeToString(value);
	}

}
