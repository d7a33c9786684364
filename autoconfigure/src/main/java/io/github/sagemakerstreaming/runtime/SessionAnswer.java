package io.github.sagemakerstreaming.runtime;

import java.util.Objects;

/**
 * What an endpoint answered to opening or closing a stateful session. The open and close
 * are decided on SageMaker's headers ({@code X-Amzn-SageMaker-New-Session-Id},
 * {@code X-Amzn-SageMaker-Closed-Session-Id}, in {@link #metadata()}); the body is the
 * container's own and is never read as a model answer: AWS's standard handler (the vLLM
 * image) answers the plain text {@code Session <id> created}, DJL/LMI the JSON
 * {@code {"result": "Session <id> created"}}, and a container of your own anything.
 *
 * @param body the container's body, as UTF-8 text, exactly as it came
 * @param metadata what SageMaker said about the response, the session headers included
 */
public record SessionAnswer(String body, ResponseMetadata metadata) {

	private static final int QUOTED_LENGTH = 200;

	/**
	 * Creates an answer.
	 * @param body the container's body
	 * @param metadata the response metadata
	 */
	public SessionAnswer {
		Objects.requireNonNull(body, "body");
		Objects.requireNonNull(metadata, "metadata");
	}

	/**
	 * Returns the body quoted for a message, cut after {@value #QUOTED_LENGTH}
	 * characters.
	 */
	String quoted() {
		if (this.body.isEmpty()) {
			return "with an empty body";
		}
		return "'" + ((this.body.length() > QUOTED_LENGTH) ? this.body.substring(0, QUOTED_LENGTH) + "..." : this.body)
				+ "'";
	}

}
