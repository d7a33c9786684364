package io.github.sagemakerstreaming.emulator;

import org.jspecify.annotations.Nullable;

/**
 * The bodies with which each {@link SessionHandler} answers the open and close payloads,
 * and a close it cannot do; the javadoc of each handler cites its source.
 */
final class SessionReplies {

	/** The content type SageMaker reports for both handlers' answers. */
	static final String CONTENT_TYPE = "application/json";

	private SessionReplies() {
	}

	static String created(SessionHandler handler, String id) {
		return result(handler, "Session " + id + " created");
	}

	static String closed(SessionHandler handler, String id) {
		return result(handler, "Session " + id + " closed");
	}

	/**
	 * Returns the container's 424 body for a close of the given session id, which the
	 * container does not hold: Python's {@code invalid session_id: None} when the request
	 * named none, else {@code session not found: <id>}.
	 */
	static String closeFailed(SessionHandler handler, @Nullable String id) {
		String reason = "Failed to close session: "
				+ ((id != null) ? "session not found: " + id : "invalid session_id: None");
		return switch (handler) {
			case SAGEMAKER_STANDARD -> "{\"detail\":" + Dialect.json(reason) + "}";
			case DJL -> "{\"error\":" + Dialect.json(reason) + ",\"code\":424}";
		};
	}

	private static String result(SessionHandler handler, String text) {
		return switch (handler) {
			case SAGEMAKER_STANDARD -> text;
			// Python's json.dumps, and the newline DJL ends every output with.
			case DJL -> "{\"result\": " + Dialect.json(text) + "}\n";
		};
	}

}
