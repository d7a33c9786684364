package io.github.sagemakerstreaming.runtime;

/**
 * The endpoint answered a close without confirming it: SageMaker's answer had no
 * {@code X-Amzn-SageMaker-Closed-Session-Id} naming the session. The container did not
 * take the body for its close payload, and answered it as a model request;
 * {@link #answer()} holds what it said. The session stays open, and keeps its instance,
 * until it is closed or expires. Error code {@value #ERROR_CODE}.
 */
public class SessionNotClosedException extends StreamingInferenceException {

	/** The error code of this exception. */
	public static final String ERROR_CODE = "SessionNotClosed";

	private final InferenceSession session;

	private final SessionAnswer answer;

	/**
	 * Creates an exception.
	 * @param session the session that was to be closed
	 * @param answer what the endpoint answered
	 */
	public SessionNotClosedException(InferenceSession session, SessionAnswer answer) {
		super("Endpoint '" + answer.metadata().endpointName() + "' did not confirm closing session " + session.id()
				+ " (X-Amzn-SageMaker-Closed-Session-Id was " + answer.metadata().closedSessionId()
				+ "); the container answered " + answer.quoted()
				+ ". Send its close payload ({\"requestType\":\"CLOSE\"} for AWS's standard handler and DJL/LMI); "
				+ "the session stays open until it expires"
				+ ((session.expiresAt() != null) ? " at " + session.expiresAt() : "") + ".", ERROR_CODE,
				answer.metadata().endpointName(), answer.metadata().requestId(), null);
		this.session = session;
		this.answer = answer;
	}

	/**
	 * Returns the session that was to be closed.
	 * @return the session
	 */
	public InferenceSession session() {
		return this.session;
	}

	/**
	 * Returns what the endpoint answered.
	 * @return the answer
	 */
	public SessionAnswer answer() {
		return this.answer;
	}

}
