package io.github.sagemakerstreaming.sample;

import java.util.Map;

import io.github.sagemakerstreaming.runtime.InferenceRequest;

import org.springframework.http.HttpStatus;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ResponseStatusException;

/**
 * The body of {@code POST /api/stream}.
 *
 * @param prompt the prompt, required, at most {@value #MAX_PROMPT_LENGTH} characters
 * @param endpoint the endpoint to invoke instead of the configured one
 * @param parameters generation parameters, for example {@code max_tokens}
 */
record StreamRequest(String prompt, String endpoint, Map<String, Object> parameters) {

	static final int MAX_PROMPT_LENGTH = 8000;

	InferenceRequest toInferenceRequest() {
		if (!StringUtils.hasText(this.prompt)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The prompt is empty.");
		}
		if (this.prompt.length() > MAX_PROMPT_LENGTH) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"The prompt has " + this.prompt.length() + " characters; at most " + MAX_PROMPT_LENGTH + " are accepted.");
		}
		InferenceRequest.Builder builder = InferenceRequest.builder().prompt(this.prompt).endpointName(this.endpoint);
		if (this.parameters != null) {
			builder.parameters(this.parameters);
		}
		return builder.build();
	}

}
