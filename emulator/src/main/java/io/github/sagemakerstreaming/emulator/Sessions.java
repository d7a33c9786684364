package io.github.sagemakerstreaming.emulator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The stateful sessions of an emulator, as SageMaker routes them: opened by
 * {@code InvokeEndpoint} with {@code NEW_SESSION}, each with an id and an expiry, bound
 * to its endpoint, and closed by the container when a request in the session asks it to.
 */
final class Sessions {

	/** The session id that asks for a new session. */
	static final String NEW_SESSION = "NEW_SESSION";

	private final Map<String, Session> sessions = new ConcurrentHashMap<>();

	private volatile Duration timeToLive = Duration.ofMinutes(20);

	void timeToLive(Duration timeToLive) {
		this.timeToLive = timeToLive;
	}

	/**
	 * Opens a session and returns the value of {@code X-Amzn-SageMaker-New-Session-Id}.
	 */
	String open(String endpointName) {
		String id = UUID.randomUUID().toString();
		Instant expires = Instant.now().plus(this.timeToLive).truncatedTo(ChronoUnit.SECONDS);
		this.sessions.put(id, new Session(endpointName, expires));
		return id + "; Expires=" + expires;
	}

	/**
	 * Returns SageMaker's message for a session id it cannot route, or {@code null} for a
	 * live session of the endpoint.
	 */
	@Nullable String check(String id, String endpointName) {
		Session session = this.sessions.get(id);
		if (session == null || !session.endpointName().equals(endpointName)) {
			return "Session " + id + " was not found for endpoint " + endpointName + ". It may have been closed.";
		}
		if (Instant.now().isAfter(session.expires())) {
			return "Session " + id + " expired at " + session.expires() + ".";
		}
		return null;
	}

	void close(String id) {
		this.sessions.remove(id);
	}

	private record Session(String endpointName, Instant expires) {

	}

}
