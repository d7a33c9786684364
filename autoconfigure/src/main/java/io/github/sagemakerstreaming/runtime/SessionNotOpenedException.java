package io.github.sagemakerstreaming.runtime;

/**
 * The endpoint answered {@code NEW_SESSION} without opening a session: SageMaker's answer
 * had no {@code X-Amzn-SageMaker-New-Session-Id}. The container either has no session
 * handler enabled or did not take the body for its open payload, and answered it as a
 * model request; {@link #answer()} holds what it said. (AWS's standard handler and
 * DJL/LMI, with sessions switched off, refuse the open payload with an error status
 * instead: SageMaker's {@code ModelError}.) Sending it again changes nothing. Error code
 * {@value #ERROR_CODE}.
 */
public class SessionNotOpenedException extends StreamingInferenceException {

	/** The error code of this exception. */
	public static final String ERROR_CODE = "SessionNotOpened";

	private final SessionAnswer answer;

	/**
	 * Creates an exception.
	 * @param answer what the endpoint answered
	 */
	public SessionNotOpenedException(SessionAnswer answer) {
		super("Endpoint '" + answer.metadata().endpointName() + "' answered NEW_SESSION without opening a session "
				+ "(no X-Amzn-SageMaker-New-Session-Id); the container answered " + answer.quoted()
				+ ". Check that its container has stateful sessions enabled "
				+ "(SAGEMAKER_ENABLE_STATEFUL_SESSIONS=true for AWS's standard handler in the vLLM image; "
				+ "OPTION_ENABLE_STATEFUL_SESSIONS, on by default, for DJL/LMI) and that the body is its open payload "
				+ "({\"requestType\":\"NEW_SESSION\"} for both).", ERROR_CODE, answer.metadata().endpointName(),
				answer.metadata().requestId(), null);
		this.answer = answer;
	}

	/**
	 * Returns what the endpoint answered.
	 * @return the answer
	 */
	public SessionAnswer answer() {
		return this.answer;
	}

}
