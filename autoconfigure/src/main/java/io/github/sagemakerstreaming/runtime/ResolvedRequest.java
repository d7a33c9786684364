package io.github.sagemakerstreaming.runtime;

import io.github.sagemakerstreaming.runtime.observation.StreamObservationContext;
import org.jspecify.annotations.Nullable;

/**
 * A request resolved against the template's defaults: where it goes, what it sends and
 * how long it may take.
 *
 * @param endpointName the endpoint
 * @param format the format
 * @param body the body
 * @param contentType the body's content type
 * @param accept the content type asked of the container, or {@code null}
 * @param customAttributes the custom attributes, or {@code null}
 * @param inferenceComponentName the inference component, or {@code null}
 * @param model the {@code model} parameter the body names, or {@code null}
 * @param limits the time limits
 * @param logging whether the request and its answer are logged
 */
record ResolvedRequest(String endpointName, InferenceFormat format, byte[] body, String contentType,
		@Nullable String accept, @Nullable String customAttributes, @Nullable String inferenceComponentName,
		@Nullable String model, StreamLimits limits, ContentLogging logging) {

	StreamObservationContext observationContext(StreamObservationContext.Operation operation) {
		return new StreamObservationContext(this.endpointName, this.inferenceComponentName, this.model, this.format,
				operation);
	}

}
