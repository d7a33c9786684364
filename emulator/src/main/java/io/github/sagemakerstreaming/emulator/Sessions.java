package io.github.sagemakerstreaming.emulator;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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

	/**
	 * The session id that asks for a new session, and the open payload's request type.
	 */
	static final String NEW_SESSION = "NEW_SESSION";

	/** The close payload's request type. */
	static final String CLOSE = "CLOSE";

	/**
	 * How both real handlers write the expiry: seconds, in UTC
	 * ({@code %Y-%m-%dT%H:%M:%SZ}).
	 */
	private static final DateTimeFormatter EXPIRES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
		.withZone(ZoneOffset.UTC);

	private final Map<String, Session> sessions = new ConcurrentHashMap<>();

	private volatile Duration timeToLive = Duration.ofMinutes(20);

	void timeToLive(Duration timeToLive) {
		this.timeToLive = timeToLive;
	}

	/**
	 * Opens a session and returns its id.
	 */
	String open(String endpointName) {
		String id = UUID.randomUUID().toString();
		Instant expires = Instant.now().plus(this.timeToLive).truncatedTo(ChronoUnit.SECONDS);
		this.sessions.put(id, new Session(endpointName, expires));
		return id;
	}

	/**
	 * Returns the value of {@code X-Amzn-SageMaker-New-Session-Id} for an open session:
	 * {@code <id>; Expires=<yyyy-MM-ddTHH:mm:ssZ>}.
	 */
	String newSessionHeader(String id) {
		Session session = this.sessions.get(id);
		return (session != null) ? id + "; Expires=" + EXPIRES.format(session.expires()) : id;
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

	/**
	 * Closes a session and returns whether it was open.
	 */
	boolean close(String id) {
		return this.sessions.remove(id) != null;
	}

	private record Session(String endpointName, Instant expires) {

	}

}
